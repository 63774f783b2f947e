using System.Globalization;
using System.Diagnostics;
using System.Text;
using WorkflowService.Engine.Parsing;

namespace WorkflowService.Engine.Tests.Parsing;

/// <summary>
/// Diagrams arrive from browsers and uploads: the parser refuses hostile or broken XML fast,
/// with a diagnostic, and never throws.
/// </summary>
public sealed class HostileXmlTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(1);

    private static BpmnDiagnostic SingleDocumentError(ParseResult result)
    {
        Assert.False(result.Success);
        Assert.Empty(result.Processes);
        var error = Assert.Single(result.Errors);
        Assert.Null(error.ElementId);
        return error;
    }

    [Fact]
    public void An_external_entity_pointing_at_a_local_file_is_refused_and_the_file_is_never_read()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
              <process id="p" name="&secret;" isExecutable="true"><startEvent id="s" /></process>
            </definitions>
            """;

        var result = new BpmnParser().Parse(xml);

        var error = SingleDocumentError(result);
        Assert.Equal("DTDs are not allowed (line 2)", error.Message);
        Assert.Equal(2, error.Line);
        Assert.DoesNotContain("root:", string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_fast()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
            entities.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ {entities} ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&lol9;" /></definitions>
            """;

        var watch = Stopwatch.StartNew();
        var result = new BpmnParser().Parse(xml);
        watch.Stop();

        Assert.Contains("DTDs are not allowed", SingleDocumentError(result).Message);
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_50_MB_stream_is_refused_by_size_without_being_read_to_the_end()
    {
        using var stream = new EndlessXmlStream(50L * 1024 * 1024);

        var watch = Stopwatch.StartNew();
        var result = new BpmnParser().Parse(stream);
        watch.Stop();

        Assert.Equal("The document is larger than the 5 MB limit", SingleDocumentError(result).Message);
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
        Assert.True(stream.BytesServed <= 5 * 1024 * 1024 + 1, $"read {stream.BytesServed} bytes");
    }

    [Fact]
    public void A_50_MB_string_is_refused_by_size_fast()
    {
        var xml = "<definitions>" + new string(' ', 50 * 1024 * 1024) + "</definitions>";

        var watch = Stopwatch.StartNew();
        var result = new BpmnParser().Parse(xml);
        watch.Stop();

        Assert.Equal("The document is larger than the 5 MB limit", SingleDocumentError(result).Message);
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
    }

    [Fact]
    public void The_size_limit_counts_UTF8_bytes_not_characters()
    {
        // 600 three-byte characters: 600 chars, 1,800 bytes.
        var xml = $"""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="{new string('€', 600)}" />""";

        var result = new BpmnParser(new ParserLimits { MaxBytes = 1024 }).Parse(xml);

        Assert.Equal("The document is larger than the 1 KB limit", SingleDocumentError(result).Message);
    }

    [Fact]
    public void Elements_nested_10000_deep_are_refused()
    {
        var xml = string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000));

        var watch = Stopwatch.StartNew();
        var result = new BpmnParser().Parse(xml);
        watch.Stop();

        Assert.Equal("Elements are nested deeper than 64 levels (line 1)", SingleDocumentError(result).Message);
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_million_elements_are_refused()
    {
        var xml = "<definitions>" + string.Concat(Enumerable.Repeat("<a/>", 1_000_000)) + "</definitions>";

        var watch = Stopwatch.StartNew();
        var result = new BpmnParser().Parse(xml);
        watch.Stop();

        Assert.Equal("The document has more than 50,000 elements (line 1)", SingleDocumentError(result).Message);
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
    }

    [Fact]
    public void Malformed_XML_is_refused_with_its_line()
    {
        const string xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
              <process id="p">
                <startEvent id="s">
              </process>
            </definitions>
            """;

        var error = SingleDocumentError(new BpmnParser().Parse(xml));

        Assert.Equal(4, error.Line);
        Assert.StartsWith("The document is not well-formed XML (line 4", error.Message);
    }

    [Fact]
    public void An_undeclared_entity_is_refused_as_malformed()
    {
        const string xml = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="&xxe;" />""";

        Assert.Contains("not well-formed", SingleDocumentError(new BpmnParser().Parse(xml)).Message);
    }

    [Fact]
    public void An_empty_document_is_refused()
    {
        Assert.Contains("not well-formed", SingleDocumentError(new BpmnParser().Parse("")).Message);
    }

    [Fact]
    public void A_stream_that_fails_while_reading_is_refused()
    {
        var error = SingleDocumentError(new BpmnParser().Parse(new FailingStream()));

        Assert.StartsWith("The document could not be read", error.Message);
    }

    /// <summary>A well-formed-looking document of the given size, produced lazily, never held in memory.</summary>
    private sealed class EndlessXmlStream(long length) : Stream
    {
        private static readonly byte[] Head = Encoding.UTF8.GetBytes("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">");

        public long BytesServed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesServed);
            for (var i = 0; i < n; i++)
            {
                var position = BytesServed + i;
                buffer[offset + i] = position < Head.Length ? Head[position] : (byte)' ';
            }
            BytesServed += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesServed; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class FailingStream : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("disk gone");
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
