//! Building URLs by hand, in the few places the router does not do it for us.

/// Percent-encodes text for a URL query value (everything but unreserved characters).
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reserved_and_non_ascii_characters_are_escaped() {
        assert_eq!(super::encode("64.02_a-b~"), "64.02_a-b~");
        assert_eq!(super::encode("air & é/?"), "air%20%26%20%C3%A9%2F%3F");
    }
}
