using System.Text.Json;
using Jint.Native;
using Jint.Runtime;

namespace WorkflowService.Engine.Expressions;

internal enum PureKind
{
    Undefined,
    Null,
    Boolean,
    Number,
    String,

    /// <summary>An object or array read from a variable, kept as stored (never handed out as a result).</summary>
    Structure,
}

/// <summary>
/// A value in <see cref="PureExpression"/>: the JavaScript primitives, plus objects and arrays
/// read from variables, which can only be looked into (<c>order.customer</c>, <c>items.length</c>).
/// </summary>
internal readonly struct PureValue
{
    public static readonly PureValue Undefined = new(PureKind.Undefined);
    public static readonly PureValue Null = new(PureKind.Null);
    public static readonly PureValue True = new(PureKind.Boolean, number: 1);
    public static readonly PureValue False = new(PureKind.Boolean);

    private PureValue(PureKind kind, double number = 0, string? text = null, JsonElement json = default)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Json = json;
    }

    public PureKind Kind { get; }
    public double Number { get; }
    public string? Text { get; }
    public JsonElement Json { get; }

    public bool Boolean => Number != 0;

    public bool IsNullish => Kind is PureKind.Undefined or PureKind.Null;

    public static PureValue Of(bool value) => value ? True : False;
    public static PureValue Of(double value) => new(PureKind.Number, value);
    public static PureValue Of(string value) => new(PureKind.String, text: value);

    /// <summary>
    /// A stored JSON value as <see cref="JsonJsConversion.ToJs"/> would make it: numbers that fit
    /// an int are read as one (so a stored <c>-0</c> is <c>0</c>, as in the sandbox).
    /// </summary>
    public static bool TryFromJson(JsonElement json, out PureValue value)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                value = Of(json.GetString()!);
                return true;
            case JsonValueKind.Number when json.TryGetInt32(out var small):
                value = Of(small);
                return true;
            case JsonValueKind.Number when json.TryGetDouble(out var number):
                value = Of(number);
                return true;
            case JsonValueKind.Number:
                value = default;
                return false;
            case JsonValueKind.True or JsonValueKind.False:
                value = Of(json.ValueKind == JsonValueKind.True);
                return true;
            case JsonValueKind.Object or JsonValueKind.Array:
                value = new PureValue(PureKind.Structure, json: json);
                return true;
            default:
                value = Null;
                return true;
        }
    }

    /// <summary>JavaScript's ToBoolean.</summary>
    public bool IsTruthy => Kind switch
    {
        PureKind.Boolean => Boolean,
        PureKind.Number => !(Number == 0 || double.IsNaN(Number)),
        PureKind.String => Text!.Length > 0,
        PureKind.Structure => true,
        _ => false,
    };

    /// <summary>JavaScript's <c>typeof</c>.</summary>
    public string TypeOf => Kind switch
    {
        PureKind.Undefined => "undefined",
        PureKind.Boolean => "boolean",
        PureKind.Number => "number",
        PureKind.String => "string",
        _ => "object",
    };

    /// <summary>JavaScript's ToString for primitives (Jint's own number formatting); false for objects and arrays.</summary>
    public bool TryToText(out string text)
    {
        text = Kind switch
        {
            PureKind.String => Text!,
            PureKind.Number => TypeConverter.ToString(JsNumber.Create(Number)),
            PureKind.Boolean => Boolean ? "true" : "false",
            PureKind.Null => "null",
            PureKind.Undefined => "undefined",
            _ => null!,
        };
        return text is not null;
    }

    /// <summary>JavaScript's ToNumber for primitives (Jint's own string parsing); false for objects and arrays.</summary>
    public bool TryToNumber(out double number)
    {
        number = Kind switch
        {
            PureKind.Number or PureKind.Boolean => Number,
            PureKind.String => TypeConverter.ToNumber(JsString.Create(Text!)),
            PureKind.Null => 0,
            PureKind.Undefined => double.NaN,
            _ => double.NaN,
        };
        return Kind != PureKind.Structure;
    }

    /// <summary>
    /// The result as <see cref="JsonJsConversion.ToJson"/> gives it; false for NaN and Infinity
    /// (Jint reports them) and for objects and arrays (Jint writes them afresh, not as stored).
    /// </summary>
    public bool TryToJson(out JsonElement json)
    {
        json = Kind switch
        {
            PureKind.Undefined or PureKind.Null => JsonJsConversion.Null,
            PureKind.Boolean => Boolean ? JsonJsConversion.True : JsonJsConversion.False,
            PureKind.Number when double.IsFinite(Number) => JsonJsConversion.FiniteNumber(Number),
            PureKind.String => JsonSerializer.SerializeToElement(Text),
            _ => default,
        };
        return json.ValueKind != JsonValueKind.Undefined;
    }

    /// <summary>How the result reads in interpolated text (<see cref="JsonJsConversion.ToText(JsValue, long)"/>); false for objects and arrays.</summary>
    public bool TryToInterpolatedText(out string text)
    {
        if (IsNullish)
        {
            text = "";
            return true;
        }
        return TryToText(out text);
    }
}
