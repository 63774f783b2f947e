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

    public static XDocument? Load(string xml, ParserLimits limits, DiagnosticBag diagnostics)
    {
        // A char is at least one UTF-8 byte, so the length alone refuses most oversized strings
        // without walking them.
        if (xml.Length > limits.MaxBytes || Encoding.UTF8.GetByteCount(xml) > limits.MaxBytes)
        {
            diagnostics.DocumentError(TooLarge(limits));
            return null;
        }
        return Load(settings => XmlReader.Create(new StringReader(xml), settings), limits, diagnostics);
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
            limits, diagnostics);
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

    private static XDocument? Load(Func<XmlReaderSettings, XmlReader> open, ParserLimits limits, DiagnosticBag diagnostics)
    {
        var settings = Settings(limits);
        try
        {
            using (var scan = open(settings))
            {
                if (!WithinLimits(scan, limits, diagnostics)) return null;
            }
            using var reader = open(settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            diagnostics.DocumentError(Describe(e), e.LineNumber);
            return null;
        }
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

    private static string Describe(XmlException e)
    {
        // The framework's DTD refusal text speaks of reader settings a process owner cannot change.
        if (e.Message.Contains("DTD", StringComparison.Ordinal))
            return $"DTDs are not allowed (line {e.LineNumber})";
        var reason = TrailingPosition().Replace(e.Message, "");
        return $"The document is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}): {reason}";
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
