using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// Turns untrusted text into an <see cref="XDocument"/> with line numbers, or refuses it with a
/// document-level diagnostic. Diagrams come from browsers and uploads, so every limit is enforced
/// before the expensive step: the size before any parsing, depth and element count in a
/// streaming pre-scan before a tree is built, and no DTD at all (which rules out external
/// entities and entity expansion bombs).
/// </summary>
internal static partial class SafeXmlLoader
{
    private const int ChunkSize = 81_920;

    /// <summary>A DOCTYPE can only stand before the root element, so its line is found near the start.</summary>
    private const int PrologChars = 64 * 1024;

    public static XDocument? Load(string xml, ParserLimits limits, DiagnosticBag diagnostics)
    {
        // A char is at least one UTF-8 byte, so the length alone refuses most oversized strings
        // without walking them.
        if (xml.Length > limits.MaxBytes || Encoding.UTF8.GetByteCount(xml) > limits.MaxBytes)
        {
            diagnostics.DocumentError(TooLarge(limits));
            return null;
        }
        return Load(settings => XmlReader.Create(new StringReader(xml), settings),
            () => xml.Length <= PrologChars ? xml : xml[..PrologChars], limits, diagnostics);
    }

    public static XDocument? Load(Stream stream, ParserLimits limits, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        int length;
        try
        {
            if (!TryReadCapped(stream, limits.MaxBytes, out bytes, out length))
            {
                diagnostics.DocumentError(TooLarge(limits));
                return null;
            }
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            diagnostics.DocumentError($"The document could not be read: {e.Message}");
            return null;
        }
        return Load(settings => XmlReader.Create(new MemoryStream(bytes, 0, length, writable: false), settings),
            () => Prolog(bytes, length), limits, diagnostics);
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> + 1 bytes: one byte past the limit proves the
    /// document too large without pulling the rest of a possibly endless stream.
    /// </summary>
    private static bool TryReadCapped(Stream stream, long maxBytes, out byte[] bytes, out int length)
    {
        bytes = [];
        length = 0;
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes) return false;

        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        long total = 0;
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - total))) > 0)
        {
            total += read;
            if (total > maxBytes) return false;
            buffer.Write(chunk, 0, read);
        }
        bytes = buffer.GetBuffer();
        length = (int)buffer.Length;
        return true;
    }

    private static XDocument? Load(Func<XmlReaderSettings, XmlReader> open, Func<string> prolog, ParserLimits limits,
        DiagnosticBag diagnostics)
    {
        var settings = Settings(limits);
        using (var scan = open(settings))
        {
            try
            {
                if (!WithinLimits(scan, limits, diagnostics)) return null;
            }
            catch (XmlException e)
            {
                Refuse(e, prolog, diagnostics);
                return null;
            }
        }
        using var reader = open(settings);
        try
        {
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            Refuse(e, prolog, diagnostics);
            return null;
        }
    }

    private static void Refuse(XmlException e, Func<string> prolog, DiagnosticBag diagnostics)
    {
        if (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            // The framework's DTD refusal carries no position and speaks of reader settings a
            // process owner cannot change; the line comes from the prolog instead.
            var line = DoctypeLine(prolog());
            diagnostics.DocumentError($"DTDs are not allowed (line {line})", line);
            return;
        }
        var reason = TrailingPosition().Replace(e.Message, "");
        var position = e.LinePosition > 0 ? $", position {e.LinePosition}" : "";
        diagnostics.DocumentError($"The document is not well-formed XML (line {e.LineNumber}{position}): {reason}", e.LineNumber);
    }

    private static int DoctypeLine(string prolog)
    {
        var index = prolog.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        return index < 0 ? 0 : prolog.AsSpan(0, index).Count('\n') + 1;
    }

    private static string Prolog(byte[] bytes, int length)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, 0, Math.Min(length, PrologChars), writable: false),
            Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static XmlReaderSettings Settings(ParserLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // In .NET 0 here means "no limit", not "none": with DTDs prohibited no entity can be
        // declared anyway, and a small non-zero cap keeps that true if someone relaxes the DTD rule.
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = limits.MaxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    private static bool WithinLimits(XmlReader reader, ParserLimits limits, DiagnosticBag diagnostics)
    {
        var lineInfo = (IXmlLineInfo)reader;
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (++elements > limits.MaxElements)
            {
                diagnostics.DocumentError(
                    $"The document has more than {limits.MaxElements.ToString("N0", CultureInfo.InvariantCulture)} elements (line {lineInfo.LineNumber})",
                    lineInfo.LineNumber);
                return false;
            }
            if (reader.Depth >= limits.MaxDepth)
            {
                diagnostics.DocumentError(
                    $"Elements are nested deeper than {limits.MaxDepth} levels (line {lineInfo.LineNumber})",
                    lineInfo.LineNumber);
                return false;
            }
        }
        return true;
    }

    private static string TooLarge(ParserLimits limits) => $"The document is larger than the {FormatSize(limits.MaxBytes)} limit";

    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KB",
        _ => $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes",
    };

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex TrailingPosition();
}
