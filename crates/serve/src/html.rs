//! HTML building blocks.
//!
//! Pages are written by hand into a `String` (no template engine: it keeps
//! the build small and the escaping rule simple). The rule: **every value
//! that is not a literal of this crate goes through [`E`] (text and
//! attribute values) or [`U`] (URL path segments and query values)**. Both
//! are `Display` wrappers, so they escape while formatting, without
//! allocating.

use std::fmt::{self, Display, Write};

/// Escapes text for HTML element content and quoted attribute values.
pub struct E<'a>(pub &'a str);

impl Display for E<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut last = 0;
        for (i, b) in s.bytes().enumerate() {
            let rep = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&s[last..i])?;
            f.write_str(rep)?;
            last = i + 1;
        }
        f.write_str(&s[last..])
    }
}

/// Percent-encodes a URL path segment or query value (RFC 3986 unreserved
/// characters pass; the result is also safe inside an HTML attribute).
pub struct U<'a>(pub &'a str);

impl Display for U<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
                f.write_char(b as char)?;
            } else {
                write!(f, "%{b:02X}")?;
            }
        }
        Ok(())
    }
}

/// Escapes `s` into a new string (for callers outside `format!`).
pub fn escape(s: &str) -> String {
    E(s).to_string()
}

/// Appends formatted text to a `String` (writing to a String cannot fail).
#[macro_export]
macro_rules! w {
    ($dst:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = write!($dst, $($arg)*);
    }};
}

/// The navigation entries: (path, label).
const NAV: &[(&str, &str)] = &[
    ("/", "Overview"),
    ("/entities", "People & places"),
    ("/events", "Events"),
    ("/sources", "Sources"),
    ("/conflicts", "Conflicts"),
    ("/graph", "Graph"),
    ("/search", "Search"),
];

/// A page under construction: head, navigation, then the body the caller writes.
pub struct Page {
    pub out: String,
}

impl Page {
    /// Starts a page. `active` is the navigation path to mark; `scripts` are
    /// asset names loaded at the end of the body (never inline code).
    pub fn new(title: &str, active: &str) -> Page {
        let mut out = String::with_capacity(16 * 1024);
        w!(
            out,
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{} · annalist</title>\
             <link rel=\"stylesheet\" href=\"/assets/app/style.css\">\
             <link rel=\"icon\" href=\"/assets/app/favicon.svg\" type=\"image/svg+xml\">\
             </head><body><header class=\"top\"><a class=\"brand\" href=\"/\">annalist</a><nav>",
            E(title)
        );
        for (path, label) in NAV {
            let cls = if *path == active {
                " class=\"active\""
            } else {
                ""
            };
            w!(out, "<a href=\"{path}\"{cls}>{label}</a>");
        }
        out.push_str(
            "</nav><form class=\"qs\" action=\"/search\" method=\"get\" role=\"search\">\
             <input type=\"search\" name=\"q\" placeholder=\"Search the sources…\" aria-label=\"Search\"></form>\
             </header><main>",
        );
        Page { out }
    }

    /// Closes the page, loading `scripts` (asset paths under /assets/).
    pub fn finish(mut self, scripts: &[&str]) -> String {
        self.out.push_str(
            "</main><footer>annalist · every claim links to the sentence that makes it</footer>",
        );
        for s in scripts {
            w!(self.out, "<script src=\"/assets/{}\"></script>", E(s));
        }
        self.out.push_str("</body></html>\n");
        self.out
    }
}

/// A small horizontal bar (0..1) drawn with a `<meter>` (no inline style).
pub fn quality_meter(out: &mut String, q: f32) {
    let q = if q.is_finite() {
        q.clamp(0.0, 1.0)
    } else {
        0.0
    };
    w!(
        out,
        "<meter class=\"q\" min=\"0\" max=\"1\" low=\"0.4\" high=\"0.7\" optimum=\"1\" value=\"{q:.2}\" title=\"quality {q:.2}\">{q:.2}</meter>"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_dangerous() {
        assert_eq!(
            E("<script>alert('x')</script> & \"q\"").to_string(),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(E("Ramón").to_string(), "Ramón");
        assert_eq!(
            U("person:leon trotsky/..").to_string(),
            "person:leon%20trotsky%2F.."
        );
        assert_eq!(U("\"><x").to_string(), "%22%3E%3Cx");
    }
}
