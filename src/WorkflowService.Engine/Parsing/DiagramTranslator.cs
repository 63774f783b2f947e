using System.Xml.Linq;
using WorkflowService.Engine.Model;

namespace WorkflowService.Engine.Parsing;

/// <summary>
/// A diagram shows the names written in the file (a viewer reads the <c>name</c> attributes). For a reader of another
/// language, each process, element and flow that carries its name in that language (<see cref="Translations"/>) gets it
/// as its <c>name</c>; the rest of the file is left as it is.
/// </summary>
internal static class DiagramTranslator
{
    public static string Translate(XDocument document, string xml, string language)
    {
        var changed = false;
        foreach (var element in document.Descendants().Where(e => e.IsBpmn() && e.Attribute("name") is not null))
        {
            var properties = CommonNodeParts.Properties(element);
            var written = element.Attribute("name")!.Value;
            var translated = Translations.Pick(properties, Translations.Name, written, language);
            if (translated is null || translated == written) continue;
            element.SetAttributeValue("name", translated);
            changed = true;
        }
        return changed ? document.Declaration + document.ToString(SaveOptions.DisableFormatting) : xml;
    }
}
