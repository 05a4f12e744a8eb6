using Microsoft.AspNetCore.Razor.TagHelpers;

namespace DipTrader.Web.Pages.Bots;

/// <summary><c>&lt;field-errors key="Name" errors="Model.Errors" /&gt;</c>: the field's messages, HTML-encoded, or nothing.</summary>
[HtmlTargetElement("field-errors", Attributes = "key,errors", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorsTagHelper : TagHelper
{
    public string Key { get; set; } = string.Empty;

    public FormErrors? Errors { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.TagMode = TagMode.StartTagAndEndTag;
        foreach (var message in Errors?.For(Key) ?? [])
        {
            output.Content.AppendHtml("<div class=\"field-error\" role=\"alert\">").Append(message).AppendHtml("</div>");
        }
    }
}
