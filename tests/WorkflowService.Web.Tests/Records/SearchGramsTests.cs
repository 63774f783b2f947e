using WorkflowService.AfterSales.Customers;

namespace WorkflowService.Web.Tests.Records;

/// <summary>
/// How a search text and a needle are cut into grams: two characters of text, three digits of a number, never across
/// the segments of the search text; and a needle found in a text has only grams of that text.
/// </summary>
public sealed class SearchGramsTests
{
    [Fact]
    public void A_search_text_gives_the_two_character_grams_of_its_name_and_the_three_digit_grams_of_its_numbers()
    {
        var grams = SearchGrams.Of("上海华东设备有限公司|13812345678|王经理");

        string[] expected =
        [
            "上海", "海华", "华东", "东设", "设备", "备有", "有限", "限公", "公司",
            "138", "381", "812", "123", "234", "345", "456", "567", "678",
            "王经", "经理",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), grams.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_digit_run_inside_a_name_gives_three_digit_grams_and_the_text_around_it_two_character_grams()
    {
        var grams = SearchGrams.Of("公司1234号|a1b");

        Assert.Equal(["123", "234", "公司"], grams.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void No_gram_crosses_the_separator_and_a_needle_holding_it_has_no_gram()
    {
        Assert.DoesNotContain(SearchGrams.Of("张三|李四"), g => g.Contains('|', StringComparison.Ordinal) || g == "三李");
        Assert.Empty(SearchGrams.OfNeedle("三|李"));
    }

    [Theory]
    [InlineData("鑫")]
    [InlineData("47")]
    [InlineData("a1")]
    [InlineData("司12")]
    public void A_needle_of_one_character_or_two_digits_has_no_gram_so_the_scan_answers_it(string needle) =>
        Assert.Empty(SearchGrams.OfNeedle(needle));

    [Fact]
    public void A_character_outside_the_basic_plane_is_one_character_of_a_gram_and_a_lone_surrogate_sends_the_needle_to_the_scan()
    {
        Assert.Equal(["𠀀中"], SearchGrams.Of("𠀀中").ToArray());
        Assert.Empty(SearchGrams.OfNeedle("\uD840中"));
    }

    [Theory]
    [InlineData("上海华东设备有限公司|13812345678|王经理|057187654321")]
    [InlineData("杭州西湖电子a1b2有限公司|w. zhang|13912345678")]
    [InlineData("公司123号厂|李工")]
    public void Every_needle_found_in_a_search_text_has_only_grams_of_that_text(string text)
    {
        var grams = SearchGrams.Of(text);
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        for (var start = 0; start < runes.Length; start++)
        for (var end = start + 1; end <= runes.Length; end++)
        {
            var needle = string.Concat(runes[start..end]);
            Assert.True(SearchGrams.OfNeedle(needle).IsSubsetOf(grams), $"'{needle}' has a gram '{text}' was not given");
        }
    }

    [Fact]
    public void A_query_that_looks_like_a_phone_number_is_compared_by_its_digits_and_anything_else_lower_cased()
    {
        Assert.Equal("1380013", SearchGrams.Needle(" 138-0013 "));
        Assert.Equal("(0", SearchGrams.Needle("(0"));
        Assert.Equal("abc 12", SearchGrams.Needle("ABC 12"));
        Assert.Null(SearchGrams.Needle("  "));
    }

    [Fact]
    public void The_search_reads_the_rarest_grams_customers_unless_even_the_rarest_is_common()
    {
        Assert.Equal("东设", SearchGrams.Rarest([("华东", 900), ("东设", 12), ("设备", 5_000)]));
        Assert.Equal("有限", SearchGrams.Rarest([("有限", 0), ("限公", 7)]));
        Assert.Null(SearchGrams.Rarest([("有限", SearchGrams.CommonGram + 1), ("公司", SearchGrams.CommonGram + 1)]));
        Assert.Equal("有限", SearchGrams.Rarest([("有限", SearchGrams.CommonGram)]));
        Assert.Null(SearchGrams.Rarest([]));
    }
}
