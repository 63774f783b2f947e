using System.Reflection;
using System.Reflection.Emit;

namespace WorkflowService.Web.Tests.Architecture;

/// <summary>A type of the scanned assembly using another type, and where: a signature, a base type, or a method body.</summary>
public sealed record TypeReference(Type Owner, Type Used, string Where);

/// <summary>
/// Every type each type of an assembly uses: base types and interfaces, fields, properties, method and
/// constructor signatures, locals, and every type, method and field a method body's IL names (with their
/// signatures and generic arguments). Pages use the database inside method bodies, mostly inside async
/// state machines and lambdas, which the compiler puts in nested types (<c>&lt;OnGetAsync&gt;d__5</c>,
/// <c>&lt;&gt;c</c>): a nested type's references count for the outermost type that declares it.
/// </summary>
public static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static
                                          | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static IEnumerable<TypeReference> Of(Assembly assembly) => assembly.GetTypes().SelectMany(Of);

    public static Type OwnerOf(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private static IEnumerable<TypeReference> Of(Type type)
    {
        var owner = OwnerOf(type);
        var found = new List<(Type, string)>();
        void Add(Type? used, string where)
        {
            if (used is not null) found.Add((used, where));
        }

        Add(type.BaseType, $"{type.Name}: base type");
        foreach (var i in type.GetInterfaces()) Add(i, $"{type.Name}: interface");
        foreach (var f in type.GetFields(Declared)) Add(f.FieldType, $"field {type.Name}.{f.Name}");
        foreach (var p in type.GetProperties(Declared)) Add(p.PropertyType, $"property {type.Name}.{p.Name}");
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var where = $"{type.Name}.{method.Name}";
            foreach (var (used, what) in Signature(method)) Add(used, $"{what} of {where}");
            MethodBody? body;
            try
            {
                body = method.GetMethodBody();
            }
            catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException)
            {
                body = null;
            }
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Add(local.LocalType, $"a local of {where}");
            foreach (var member in MembersNamedBy(method, body.GetILAsByteArray() ?? []))
            {
                foreach (var (used, what) in Uses(member)) Add(used, $"{where}'s body ({what})");
            }
        }
        return found.SelectMany(f => Expand(f.Item1).Select(t => new TypeReference(owner, t, f.Item2)));
    }

    private static IEnumerable<(Type, string)> Signature(MethodBase method)
    {
        if (method is MethodInfo info) yield return (info.ReturnType, "return type");
        foreach (var p in method.GetParameters()) yield return (p.ParameterType, $"parameter {p.Name}");
        if (method.IsGenericMethod)
            foreach (var a in method.GetGenericArguments()) yield return (a, "generic argument");
    }

    private static IEnumerable<(Type, string)> Uses(MemberInfo member)
    {
        switch (member)
        {
            case Type t:
                yield return (t, $"type {t.Name}");
                break;
            case FieldInfo f:
                yield return (f.DeclaringType!, $"field {f.Name}");
                yield return (f.FieldType, $"field {f.Name}");
                break;
            case MethodBase m:
                var name = $"{m.DeclaringType?.Name}.{m.Name}";
                if (m.DeclaringType is { } declaring) yield return (declaring, name);
                foreach (var (used, _) in Signature(m)) yield return (used, name);
                break;
        }
    }

    /// <summary>A type with its element type and generic arguments, recursively: <c>List&lt;TaskRecord&gt;</c> uses TaskRecord.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!)) yield return t;
            yield break;
        }
        yield return type;
        if (!type.IsGenericType) yield break;
        foreach (var argument in type.GetGenericArguments())
        foreach (var t in Expand(argument))
            yield return t;
    }

    /// <summary>The members whose tokens the IL carries: every call, field access, type operand and ldtoken.</summary>
    private static IEnumerable<MemberInfo> MembersNamedBy(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[at++]));
            if (!OpCodesByValue.TryGetValue(value, out var opCode))
                throw new InvalidOperationException($"Unknown IL opcode 0x{value:X} in {method.DeclaringType}.{method.Name}");
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    yield return method.Module.ResolveMember(token, typeArguments, methodArguments)!;
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
