using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace WorkflowService.Engine.Expressions;

/// <summary>A JavaScript value that has no JSON form; <see cref="Exception.Message"/> completes "yielded …".</summary>
internal sealed class JsonConversionException(string reason) : Exception(reason);

/// <summary>
/// Process variables are JSON; scripts see plain JavaScript values. Both directions copy, so a
/// script never holds a reference into the instance state.
/// </summary>
internal static class JsonJsConversion
{
    /// <summary>Deeper than this is refused: variables are read back with the default JSON depth of 64.</summary>
    private const int MaxDepth = 64;

    private const double MaxSafeInteger = 9007199254740991;

    public static readonly JsonElement True = JsonSerializer.SerializeToElement(true);
    public static readonly JsonElement False = JsonSerializer.SerializeToElement(false);
    public static readonly JsonElement Null = JsonSerializer.SerializeToElement<object?>(null);

    public static JsValue ToJs(Jint.Engine engine, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsObject(engine);
                // A data property, never the __proto__ setter: a variable cannot change a prototype.
                foreach (var property in element.EnumerateObject()) obj.FastSetDataProperty(property.Name, ToJs(engine, property.Value));
                return obj;
            case JsonValueKind.Array:
                var items = new JsValue[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray()) items[i++] = ToJs(engine, item);
                return new JsArray(engine, items);
            case JsonValueKind.String:
                return JsString.Create(element.GetString()!);
            case JsonValueKind.Number:
                return element.TryGetInt32(out var small) ? JsNumber.Create(small) : JsNumber.Create(element.GetDouble());
            case JsonValueKind.True:
                return JsBoolean.True;
            case JsonValueKind.False:
                return JsBoolean.False;
            default:
                return JsValue.Null;
        }
    }

    /// <summary>
    /// JSON.stringify's rules (functions and symbols dropped from objects, null in arrays, dates as
    /// ISO 8601 strings) with three differences that keep errors visible: NaN, Infinity and BigInt
    /// are refused instead of silently becoming null or throwing later; accessor properties are
    /// skipped instead of being called (a getter would run script outside the limits); and the
    /// output may not exceed <paramref name="maxBytes"/>.
    /// </summary>
    public static JsonElement ToJson(JsValue value, long maxBytes)
    {
        if (value.IsBoolean()) return value.AsBoolean() ? True : False;
        if (value.IsNull() || value.IsUndefined() || value.IsCallable() || value.IsSymbol()) return Null;

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new Writer(writer, maxBytes).Write(value, 0);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>A finite number as <see cref="ToJson"/> writes it: integral numbers within the exact range as integers.</summary>
    public static JsonElement FiniteNumber(double number) =>
        IsExactInteger(number) ? JsonSerializer.SerializeToElement((long)number) : JsonSerializer.SerializeToElement(number);

    private static bool IsExactInteger(double number) => Math.Floor(number) == number && Math.Abs(number) <= MaxSafeInteger;

    /// <summary>How a value reads inside interpolated text: JUEL's null as empty text, structures as JSON.</summary>
    public static string ToText(JsValue value, long maxBytes)
    {
        if (value.IsString()) return value.AsString();
        if (value.IsNull() || value.IsUndefined()) return "";
        if (value.IsNumber() || value.IsBoolean() || value.IsBigInt()) return TypeConverter.ToString(value);
        return ToText(ToJson(value, maxBytes));
    }

    public static string ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Object or JsonValueKind.Array => JsonSerializer.Serialize(value), // compact, whatever the stored spacing
        _ => value.GetRawText(),
    };

    /// <summary>How an error message shows a value: <c>'abc' (string)</c>, <c>5 (number)</c>, <c>null</c>.</summary>
    public static string Describe(JsValue value)
    {
        if (value.IsString())
        {
            var text = value.AsString();
            return $"'{(text.Length > 40 ? text[..37] + "..." : text)}' (string)";
        }
        if (value.IsNumber()) return $"{TypeConverter.ToString(value)} (number)";
        if (value.IsNull()) return "null";
        if (value.IsUndefined()) return "undefined";
        if (value.IsArray()) return "an array";
        if (value.IsCallable()) return "a function";
        if (value.IsDate()) return "a date";
        return value.IsObject() ? "an object" : $"a {value.Type.ToString().ToLowerInvariant()}";
    }

    private sealed class Writer(Utf8JsonWriter json, long maxBytes)
    {
        private readonly HashSet<ObjectInstance> _ancestors = new(ReferenceEqualityComparer.Instance);

        public void Write(JsValue value, int depth)
        {
            if (json.BytesPending + json.BytesCommitted > maxBytes)
                throw new JsonConversionException($"a value larger than {ExpressionText.Bytes(maxBytes)}");

            if (value.IsNull() || value.IsUndefined() || value.IsCallable() || value.IsSymbol()) json.WriteNullValue();
            else if (value.IsBoolean()) json.WriteBooleanValue(value.AsBoolean());
            else if (value.IsString()) json.WriteStringValue(value.AsString());
            else if (value.IsNumber()) WriteNumber(value.AsNumber());
            else if (value.IsBigInt()) throw new JsonConversionException($"the BigInt {TypeConverter.ToString(value)}n, which JSON cannot store (use a number or a string)");
            else if (value.IsDate()) WriteDate(value.AsDate().DateValue);
            else if (value is ObjectInstance obj) WriteObject(obj, depth);
            else json.WriteNullValue();
        }

        private void WriteNumber(double number)
        {
            if (double.IsNaN(number)) throw new JsonConversionException("NaN (not a number), which JSON cannot store");
            if (double.IsInfinity(number)) throw new JsonConversionException($"{(number > 0 ? "" : "-")}Infinity, which JSON cannot store");
            // 25, not 25.0: integral doubles within the exact range are written as integers.
            if (IsExactInteger(number)) json.WriteNumberValue((long)number);
            else json.WriteNumberValue(number);
        }

        private void WriteDate(double epochMilliseconds)
        {
            if (double.IsNaN(epochMilliseconds)
                || epochMilliseconds < -62135596800000d || epochMilliseconds > 253402300799999d)
            {
                json.WriteNullValue();
                return;
            }
            var instant = DateTimeOffset.FromUnixTimeMilliseconds((long)epochMilliseconds);
            json.WriteStringValue(instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }

        private void WriteObject(ObjectInstance obj, int depth)
        {
            if (depth >= MaxDepth) throw new JsonConversionException($"a value nested deeper than {MaxDepth} levels");
            if (!_ancestors.Add(obj)) throw new JsonConversionException("a value that contains itself (a circular reference)");

            if (obj.IsArray())
            {
                json.WriteStartArray();
                var length = (long)TypeConverter.ToLength(obj.GetOwnProperty("length").Value);
                for (long i = 0; i < length; i++)
                {
                    var descriptor = obj.GetOwnProperty(i.ToString(CultureInfo.InvariantCulture));
                    Write(descriptor.IsDataDescriptor() ? descriptor.Value ?? JsValue.Undefined : JsValue.Undefined, depth + 1);
                }
                json.WriteEndArray();
            }
            else
            {
                json.WriteStartObject();
                foreach (var key in obj.GetOwnPropertyKeys(Types.String))
                {
                    var descriptor = obj.GetOwnProperty(key);
                    if (!descriptor.Enumerable || !descriptor.IsDataDescriptor()) continue;
                    var property = descriptor.Value ?? JsValue.Undefined;
                    if (property.IsUndefined() || property.IsCallable() || property.IsSymbol()) continue;
                    json.WritePropertyName(key.ToString());
                    Write(property, depth + 1);
                }
                json.WriteEndObject();
            }
            _ancestors.Remove(obj);
        }
    }
}
