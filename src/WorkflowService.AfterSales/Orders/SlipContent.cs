namespace WorkflowService.AfterSales.Orders;

/// <summary>What a slip is: the signed paper photographed or scanned, or a signature drawn on a tablet.</summary>
public sealed record SlipKind(string Name)
{
    public static readonly SlipKind Photo = new("photo");
    public static readonly SlipKind Scan = new("scan");
    public static readonly SlipKind Signature = new("signature");
    public static readonly IReadOnlyList<SlipKind> All = [Photo, Scan, Signature];

    public static SlipKind? Find(string? name) => All.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Why a slip was refused: the API answers 415 (<see cref="UnsupportedType"/>), 413 (<see cref="TooLarge"/>) or 400.</summary>
public sealed record SlipRefusal(string Message, string Field, string Code)
{
    public bool UnsupportedType => Code == "unsupported-type";
    public bool TooLarge => Code == "too-large";
}

/// <summary>A slip's kind and content type once checked, or why it is refused.</summary>
public sealed record CheckedSlip(SlipKind? Kind, string? ContentType, SlipRefusal? Refusal);

/// <summary>
/// Checks a slip by its first bytes, never by its name or what the browser says alone: only JPEG, PNG and PDF are kept
/// (what a phone, a scanner and a signature canvas make), and the declared type must be what the bytes are — a text
/// file renamed <c>.jpg</c> is refused.
/// </summary>
public static class SlipContent
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Pdf = "application/pdf";

    public static CheckedSlip Check(string? kind, string? declaredType, ReadOnlySpan<byte> content, long maxBytes)
    {
        if (content.Length == 0) return Refused("The file is empty: attach the photo, scan or signature", "file", "required");
        if (content.Length > maxBytes)
            return Refused($"The file is {content.Length / 1024} KB; a slip may be at most {maxBytes / 1024} KB", "file", "too-large");
        var actual = Sniff(content);
        var declared = Normalize(declaredType);
        if (actual is null)
            return Refused($"The file is not a JPEG, PNG or PDF (declared {declaredType ?? "no type"}); attach a photo, scan or PDF",
                "file", "unsupported-type");
        if (declared != actual)
            return Refused($"The file is declared {declaredType ?? "with no type"} but is {actual}; send it with its own type", "file", "unsupported-type");
        SlipKind? slipKind;
        if (string.IsNullOrWhiteSpace(kind)) slipKind = actual == Pdf ? SlipKind.Scan : SlipKind.Photo;
        else if ((slipKind = SlipKind.Find(kind)) is null)
            return Refused($"kind '{kind}' is not one of {string.Join(", ", SlipKind.All.Select(k => k.Name))}", "kind", "unknown");
        // The canvas gives a PNG; anything else called a signature was not drawn here.
        if (slipKind == SlipKind.Signature && actual != Png) return Refused("A signature is the PNG the signature pad draws", "kind", "invalid");
        return new CheckedSlip(slipKind, actual, null);
    }

    /// <summary>The type the bytes begin as: JPEG's SOI marker, PNG's signature, PDF's header.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : content.StartsWith("%PDF-"u8) ? Pdf
        : null;

    /// <summary>The media type without its parameters, lower-cased; <c>image/jpg</c> (sent by some phones) is JPEG.</summary>
    private static string? Normalize(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared)) return null;
        var type = declared.Split(';')[0].Trim().ToLowerInvariant();
        return type is "image/jpg" or "image/pjpeg" ? Jpeg : type;
    }

    private static CheckedSlip Refused(string message, string field, string code) => new(null, null, new SlipRefusal(message, field, code));
}
