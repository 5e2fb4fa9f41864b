//! Byte offsets to character offsets.
//!
//! Inside the pipeline spans are byte offsets; outputs meant for Python tools
//! (`annotate`, evidence) count Unicode code points.

/// Converts byte offsets of one text to character offsets in O(log n).
pub struct CharOffsets {
    /// Byte offset of every character start, plus the text length.
    starts: Vec<usize>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharOffsets { starts }
    }

    /// The character index of a byte offset (rounded down to a character start).
    pub fn char_at(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_not_bytes() {
        let t = "Аким ВКО met";
        let o = CharOffsets::new(t);
        assert_eq!(o.char_at(0), 0);
        assert_eq!(o.char_at("Аким ".len()), 5);
        assert_eq!(o.char_at(t.len()), t.chars().count());
    }
}
