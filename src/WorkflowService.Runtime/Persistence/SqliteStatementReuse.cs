using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkflowService.Runtime.Persistence;

/// <summary>
/// Keeps SQLite's compiled statements while a connection is open. Microsoft.Data.Sqlite compiles a command's SQL on its first
/// execution and keeps it only as long as that command object lives, and EF Core builds a new command for every query and
/// every SaveChanges, so each was compiled again: about a fifth of a step's CPU in the write lane, which runs the same
/// handful of statements for every step of a batch. Here a command EF Core has just built is swapped for an idle one of the
/// same text on the same connection (its statements compiled), and EF Core's disposal gives it back instead of destroying
/// it. When the connection closes, Microsoft.Data.Sqlite disposes every command of it, the kept ones too.
/// </summary>
internal sealed class SqliteStatementReuse : DbCommandInterceptor
{
    /// <summary>Distinct texts kept per open connection; past it the least lately given back is dropped.</summary>
    internal const int Capacity = 128;

    private static readonly ConditionalWeakTable<SqliteConnection, CommandShelf> Shelves = [];

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (result is not SqliteCommand { Connection: { State: ConnectionState.Open } connection } built || built is KeptCommand)
            return result;
        var kept = Rent(connection, built.CommandText);
        kept.Transaction = built.Transaction;
        kept.CommandTimeout = built.CommandTimeout;
        kept.Parameters.Clear();
        foreach (SqliteParameter parameter in built.Parameters) kept.Parameters.Add(parameter);
        built.Parameters.Clear();
        built.Dispose();
        return kept;
    }

    /// <summary>
    /// A command of <paramref name="text"/> for code that writes without EF Core's commands (multi-row inserts): on an open
    /// SQLite connection a kept one, given back when disposed; on other connections a new one.
    /// </summary>
    internal static DbCommand CommandFor(DbConnection connection, string text)
    {
        if (connection is not SqliteConnection { State: ConnectionState.Open } sqlite)
        {
            var command = connection.CreateCommand();
            command.CommandText = text;
            return command;
        }
        return Rent(sqlite, text);
    }

    /// <summary>An idle kept command of <paramref name="text"/> on <paramref name="connection"/>, or a new one, marked in use.</summary>
    private static KeptCommand Rent(SqliteConnection connection, string text)
    {
        var shelf = Shelves.GetValue(connection, static c => new CommandShelf(c));
        var kept = shelf.Take(text) ?? new KeptCommand(shelf, text, connection);
        kept.InUse = true;
        return kept;
    }

    /// <summary>How many commands are kept for <paramref name="connection"/> (for tests).</summary>
    internal static int KeptFor(SqliteConnection connection) => Shelves.TryGetValue(connection, out var shelf) ? shelf.Count : 0;

    /// <summary>The idle commands of one open connection, by text. A connection is used by one thread at a time.</summary>
    private sealed class CommandShelf
    {
        private readonly Dictionary<string, KeptCommand> _idle = new(StringComparer.Ordinal);
        private readonly LinkedList<KeptCommand> _order = new();

        public CommandShelf(SqliteConnection connection) =>
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState != ConnectionState.Open) Forget();
            };

        public int Count => _idle.Count;

        public KeptCommand? Take(string text)
        {
            if (!_idle.Remove(text, out var command)) return null;
            _order.Remove(command.Place);
            return command;
        }

        /// <summary>Shelves a command EF Core is done with; a second idle command of the same text is not kept.</summary>
        public bool Give(KeptCommand command)
        {
            if (command.Connection?.State != ConnectionState.Open || !_idle.TryAdd(command.CommandText, command)) return false;
            _order.AddLast(command.Place);
            if (_idle.Count > Capacity)
            {
                var oldest = _order.First!.Value;
                _order.RemoveFirst();
                _idle.Remove(oldest.CommandText);
                oldest.Dispose();
            }
            return true;
        }

        /// <summary>
        /// The connection closed. Microsoft.Data.Sqlite has disposed its commands, but one EF Core was still using then came
        /// back to the shelf after; statements must not outlive the connection, so every idle command is disposed (again).
        /// </summary>
        private void Forget()
        {
            var idle = _idle.Values.ToList();
            _idle.Clear();
            _order.Clear();
            foreach (var command in idle) command.Dispose();
        }
    }

    /// <summary>A command that outlives EF Core's use of it: disposing it while in use shelves it, disposing it idle destroys it.</summary>
    private sealed class KeptCommand : SqliteCommand
    {
        private readonly CommandShelf _shelf;

        public KeptCommand(CommandShelf shelf, string text, SqliteConnection connection) : base(text, connection)
        {
            _shelf = shelf;
            Place = new LinkedListNode<KeptCommand>(this);
        }

        public LinkedListNode<KeptCommand> Place { get; }
        public bool InUse { get; set; }

        protected override void Dispose(bool disposing)
        {
            if (disposing && InUse && DataReader is null)
            {
                InUse = false;
                Parameters.Clear();
                Transaction = null;
                if (_shelf.Give(this)) return;
            }
            InUse = false;
            base.Dispose(disposing);
        }
    }
}
