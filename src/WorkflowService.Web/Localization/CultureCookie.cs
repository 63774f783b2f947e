using Microsoft.AspNetCore.Localization;

namespace WorkflowService.Web.Localization;

/// <summary>The cookie that remembers a person's page language, over the browser's preference.</summary>
public static class CultureCookie
{
    /// <summary>Sets the language for the next requests; a culture the pages do not speak is ignored.</summary>
    public static void Set(HttpResponse response, string? culture)
    {
        if (culture is null || Texts.Supported.All(c => c.Name != culture)) return;
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
    }

    /// <summary>Lets the browser's preference decide again.</summary>
    public static void Forget(HttpResponse response) => response.Cookies.Delete(CookieRequestCultureProvider.DefaultCookieName);
}
