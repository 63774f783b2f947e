using System.Net;
using System.Text;
using System.Text.Json;
using WorkflowService.Runtime.Notifications.Robots;

namespace WorkflowService.Runtime.Tests.Notifications.Robots;

/// <summary>The worked vectors of the research notes (computed with Python's hmac and openssl, which agree).</summary>
public sealed class RobotSigningTests
{
    private const string LongSecret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(1700000000000, "this is secret", "sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0=")]
    [InlineData(1700000000000, LongSecret, "bTgY2yDbep+wesS7jKiNj+srsHoADES4+C4f8LCHFtU=")]
    public void DingTalk_signs_the_millisecond_timestamp_and_secret_with_the_secret_as_key(long ms, string secret, string sign) =>
        Assert.Equal(sign, RobotSigning.DingTalk(ms, secret));

    [Fact]
    public void DingTalk_query_encodes_the_signature_once_with_upper_case_escapes() =>
        Assert.Equal("timestamp=1700000000000&sign=bTgY2yDbep%2BwesS7jKiNj%2BsrsHoADES4%2BC4f8LCHFtU%3D",
            RobotSigning.DingTalkQuery(1700000000000, LongSecret));

    [Theory]
    [InlineData(1700000000, "this is secret", "OfGzRzoUICBOoc8wVra1e4A1hPfbZ9zqXozA8CWVUuY=")]
    [InlineData(1599360473, "demo", "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=")]
    public void Feishu_keys_the_hmac_with_the_second_timestamp_and_secret_and_signs_nothing(long s, string secret, string sign) =>
        Assert.Equal(sign, RobotSigning.Feishu(s, secret));

    [Theory]
    [InlineData(1700000000, "this is secret", "0gy50rUziRgEQQ5BlfpijB6FVcJUiEcvkYhmxakRD7c=")]
    [InlineData(1599360473, "demo", "DkEDUyVoOOJ539qBvUgMyzkzIdRWlf4e/V3Rq+ONJnQ=")]
    public void Feishu_is_not_signed_the_DingTalk_way(long s, string secret, string dingTalkStyle)
    {
        Assert.NotEqual(dingTalkStyle, RobotSigning.Feishu(s, secret));
        Assert.Equal(dingTalkStyle, RobotSigning.DingTalk(s, secret));
    }
}

public sealed class RobotFormatTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    private static readonly RobotMessage Message = new("服务超时: TS-1", "**客户** 华为\n[查看](https://ws.example.com/instances/1)");

    private static Robot Robot(RobotKind kind, string url, string? secret = null) =>
        new("ops", kind, url, secret, new HashSet<string>(), new HashSet<string>(), RobotSource.Settings);

    [Fact]
    public void WeCom_posts_markdown_with_the_title_as_a_heading_to_the_url_as_given()
    {
        var request = RobotFormats.Build(Robot(RobotKind.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"), Message, Now);

        Assert.Equal("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", request.Url.AbsoluteUri);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("markdown", body.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal($"### {Message.Title}\n{Message.Markdown}", body.RootElement.GetProperty("markdown").GetProperty("content").GetString());
        Assert.Contains("华为", request.Body); // Chinese as it is, not \u escapes
    }

    [Fact]
    public void WeCom_markdown_longer_than_4096_bytes_is_cut_on_a_character_with_a_note()
    {
        var request = RobotFormats.Build(Robot(RobotKind.WeCom, "https://example.com/send?key=abc"),
            new RobotMessage("长", new string('汉', 3000)), Now);

        var content = JsonDocument.Parse(request.Body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.InRange(Encoding.UTF8.GetByteCount(content), 4000, RobotFormats.WeComMaxBytes);
        Assert.EndsWith("已截断 / truncated）", content);
    }

    [Fact]
    public void DingTalk_signs_in_the_query_string_and_posts_title_and_text()
    {
        var request = RobotFormats.Build(Robot(RobotKind.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=t0k", "this is secret"),
            Message, DateTimeOffset.FromUnixTimeMilliseconds(1700000000000));

        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=t0k&timestamp=1700000000000&sign=sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0%3D",
            request.Url.AbsoluteUri);
        var markdown = JsonDocument.Parse(request.Body).RootElement.GetProperty("markdown");
        Assert.Equal(Message.Title, markdown.GetProperty("title").GetString());
        Assert.Contains(Message.Markdown, markdown.GetProperty("text").GetString());
    }

    [Fact]
    public void DingTalk_without_a_secret_is_not_signed() =>
        Assert.DoesNotContain("sign=", RobotFormats.Build(Robot(RobotKind.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=t"), Message, Now).Url.Query);

    [Fact]
    public void Feishu_signs_in_the_body_and_posts_an_interactive_card_with_lark_md()
    {
        var request = RobotFormats.Build(Robot(RobotKind.Feishu, "https://open.feishu.cn/open-apis/bot/v2/hook/x", "this is secret"), Message, Now);

        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("1700000000", body.GetProperty("timestamp").GetString());
        Assert.Equal("OfGzRzoUICBOoc8wVra1e4A1hPfbZ9zqXozA8CWVUuY=", body.GetProperty("sign").GetString());
        Assert.Equal("interactive", body.GetProperty("msg_type").GetString());
        var card = body.GetProperty("card");
        Assert.Equal(Message.Title, card.GetProperty("header").GetProperty("title").GetProperty("content").GetString());
        var text = card.GetProperty("elements")[0].GetProperty("text");
        Assert.Equal("lark_md", text.GetProperty("tag").GetString());
        Assert.Equal(Message.Markdown, text.GetProperty("content").GetString());
        Assert.Equal("https://open.feishu.cn/open-apis/bot/v2/hook/x", request.Url.AbsoluteUri);
    }

    [Fact]
    public void Feishu_without_a_secret_has_no_timestamp_or_sign()
    {
        var body = JsonDocument.Parse(RobotFormats.Build(Robot(RobotKind.Feishu, "https://open.feishu.cn/open-apis/bot/v2/hook/x"), Message, Now).Body).RootElement;
        Assert.False(body.TryGetProperty("sign", out _));
        Assert.False(body.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public void Masks_show_the_host_and_the_last_four_characters_only()
    {
        Assert.Equal("https://qyapi.weixin.qq.com/…f00d", Runtime.Notifications.Robots.Robot.MaskUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0123-beef-f00d"));
        Assert.Equal("••••cdef", Runtime.Notifications.Robots.Robot.MaskSecret(LongSecretForMask));
        Assert.Equal("••••", Runtime.Notifications.Robots.Robot.MaskSecret("short"));
        Assert.Null(Runtime.Notifications.Robots.Robot.MaskSecret(null));
    }

    private const string LongSecretForMask = "SEC0123456789abcdef";
}

public sealed class RobotReplyTests
{
    [Theory]
    [InlineData(RobotKind.WeCom, 200, """{"errcode":0,"errmsg":"ok"}""", RobotOutcome.Sent)]
    [InlineData(RobotKind.DingTalk, 200, """{"errcode":0,"errmsg":"ok"}""", RobotOutcome.Sent)]
    [InlineData(RobotKind.Feishu, 200, """{"code":0,"data":{},"msg":"success"}""", RobotOutcome.Sent)]
    [InlineData(RobotKind.Feishu, 200, """{"Extra":null,"StatusCode":0,"StatusMessage":"success"}""", RobotOutcome.Sent)]
    [InlineData(RobotKind.Feishu, 200, """{"code":19021,"StatusCode":0,"msg":"sign match fail"}""", RobotOutcome.Failed)]
    [InlineData(RobotKind.WeCom, 200, """{"errcode":93000,"errmsg":"invalid webhook url, hint: [1]"}""", RobotOutcome.Failed)]
    [InlineData(RobotKind.WeCom, 200, """{"errcode":45009,"errmsg":"api freq out of limit"}""", RobotOutcome.Retry)]
    [InlineData(RobotKind.DingTalk, 200, """{"errcode":310000,"errmsg":"sign not match"}""", RobotOutcome.Failed)]
    [InlineData(RobotKind.DingTalk, 200, """{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}""", RobotOutcome.Retry)]
    [InlineData(RobotKind.Feishu, 400, """{"code":9499,"msg":"too many request"}""", RobotOutcome.Retry)]
    [InlineData(RobotKind.Feishu, 400, """{"code":9499,"msg":"Bad Request"}""", RobotOutcome.Failed)]
    [InlineData(RobotKind.Feishu, 200, """{"code":11232,"msg":"frequency limited"}""", RobotOutcome.Retry)]
    [InlineData(RobotKind.WeCom, 500, "Internal Server Error", RobotOutcome.Retry)]
    [InlineData(RobotKind.WeCom, 502, "{}", RobotOutcome.Retry)]
    [InlineData(RobotKind.DingTalk, 429, "", RobotOutcome.Retry)]
    [InlineData(RobotKind.DingTalk, 404, "not found", RobotOutcome.Failed)]
    public void The_body_decides_not_the_status(RobotKind kind, int status, string body, RobotOutcome outcome) =>
        Assert.Equal(outcome, RobotReply.Read(kind, (HttpStatusCode)status, body).Outcome);

    [Fact]
    public void A_failure_keeps_the_code_and_message_without_WeComs_hint()
    {
        var reply = RobotReply.Read(RobotKind.WeCom, HttpStatusCode.OK,
            """{"errcode":93000,"errmsg":"invalid webhook url, hint: [1700000000_1_abc], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=93000"}""");
        Assert.Equal("HTTP 200, code 93000: invalid webhook url", reply.Error);
    }
}
