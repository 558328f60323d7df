//! The text encoding of a batch input: UTF-8, or Shift_JIS as Excel in
//! Japan saves CSV (Windows-31J / CP932); and a CSV output written as Shift_JIS.
//!
//! Cells are checked (and, for Shift_JIS, decoded) one by one, so a byte
//! sequence that is invalid names its column; the CSV and JSON structure
//! characters (`,` `"` CR LF `{` `}`) never occur inside a Shift_JIS
//! character, so rows are split on the raw bytes.

use std::borrow::Cow;
use std::io::{self, Read};

/// The encoding asked for: `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// A BOM or valid UTF-8 in the first read (a file's first 64 KiB)
    /// means UTF-8, else Shift_JIS.
    #[default]
    Auto,
    Utf8,
    ShiftJis,
}

/// The encoding a batch is read in, once decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    Utf8,
    ShiftJis,
}

const SNIFF: usize = 1 << 16;

/// An input with the bytes read to decide its encoding put back in front.
pub type Sniffed<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// Decide the encoding from the start of `input`; the bytes read to decide
/// are given back in front of the rest. Also whether the input starts with
/// a UTF-8 BOM (a file saved for Excel).
pub fn decide<R: Read>(mut input: R, asked: Encoding) -> io::Result<(Sniffed<R>, Decided, bool)> {
    let mut prefix = Vec::new();
    {
        // One read: a file gives its first 64 KiB, a pipe what has come so
        // far, so a stream is not held back waiting for more.
        prefix.resize(SNIFF, 0);
        let n = loop {
            match input.read(&mut prefix) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                result => break result?,
            }
        };
        prefix.truncate(n);
    }
    let decided = match asked {
        Encoding::Utf8 => Decided::Utf8,
        Encoding::ShiftJis => Decided::ShiftJis,
        Encoding::Auto => sniff(&prefix),
    };
    let bom = prefix.starts_with(b"\xEF\xBB\xBF");
    Ok((io::Cursor::new(prefix).chain(input), decided, bom))
}

/// UTF-8 when `prefix` has a BOM or is valid UTF-8 (a character cut at the
/// end of the prefix does not count against it).
fn sniff(prefix: &[u8]) -> Decided {
    if prefix.starts_with(b"\xEF\xBB\xBF") {
        return Decided::Utf8;
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => Decided::Utf8,
        Err(e) if e.error_len().is_none() => Decided::Utf8,
        Err(_) => Decided::ShiftJis,
    }
}

impl Decided {
    /// `bytes` as text, or `None` when they are invalid in this encoding.
    #[inline]
    pub fn decode(self, bytes: &[u8]) -> Option<Cow<'_, str>> {
        if bytes.is_ascii() {
            // ASCII reads the same in both (Shift_JIS 0x5C is read as `\`).
            return std::str::from_utf8(bytes).ok().map(Cow::Borrowed);
        }
        match self {
            Decided::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Decided::ShiftJis => {
                encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes)
            }
        }
    }

    /// Shift_JIS `bytes` as UTF-8 appended to `out`, without a string of
    /// its own (the batch's hot path); false, and `out` as it was, when
    /// they are not Shift_JIS.
    pub fn shift_jis_into(bytes: &[u8], out: &mut Vec<u8>) -> bool {
        if bytes.is_ascii() {
            out.extend_from_slice(bytes);
            return true;
        }
        let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
        let Some(need) = decoder.max_utf8_buffer_length_without_replacement(bytes.len()) else {
            return false;
        };
        let start = out.len();
        out.resize(start + need, 0);
        let (result, _, written) =
            decoder.decode_to_utf8_without_replacement(bytes, &mut out[start..], true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => {
                out.truncate(start + written);
                true
            }
            _ => {
                out.truncate(start);
                false
            }
        }
    }

    /// `bytes` as text, each invalid sequence replaced by U+FFFD (�): what
    /// the output shows of a cell that is not text, so that it stays UTF-8.
    pub fn decode_lossy(self, bytes: &[u8]) -> Cow<'_, str> {
        match self {
            Decided::Utf8 => String::from_utf8_lossy(bytes),
            Decided::ShiftJis => encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes).0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Decided::Utf8 => "UTF-8",
            Decided::ShiftJis => "Shift_JIS",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_takes_utf8_for_a_bom_or_valid_text_and_shift_jis_otherwise() {
        assert_eq!(sniff(b"\xEF\xBB\xBFid"), Decided::Utf8);
        assert_eq!(sniff("id,件名\n".as_bytes()), Decided::Utf8);
        assert_eq!(
            sniff(&"件名".as_bytes()[..4]),
            Decided::Utf8,
            "cut at the end"
        );
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("id,件名\n");
        assert_eq!(sniff(&sjis), Decided::ShiftJis);
    }

    #[test]
    fn shift_jis_cells_decode_and_invalid_bytes_are_refused() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("納品日");
        assert_eq!(Decided::ShiftJis.decode(&sjis).as_deref(), Some("納品日"));
        assert_eq!(Decided::ShiftJis.decode(b"\x82"), None);
        assert_eq!(Decided::Utf8.decode(b"\xe6\x97"), None);
        assert_eq!(Decided::Utf8.decode(b"\xa5"), None);
    }
}

/// The encoding a CSV output is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputEncoding {
    #[default]
    Utf8,
    /// Windows-31J (CP932), as Excel in Japan reads CSV.
    ShiftJis,
}

/// A writer of UTF-8 text as Shift_JIS (CP932). A character Shift_JIS has
/// no code for is written `?` and counted ([`ShiftJisWriter::unmappable`]),
/// never as an HTML entity or dropped without a word.
pub struct ShiftJisWriter<W: io::Write> {
    out: W,
    encoder: encoding_rs::Encoder,
    /// A character cut at the end of the last write, kept for the next.
    pending: Vec<u8>,
    encoded: Vec<u8>,
    pub unmappable: u64,
}

impl<W: io::Write> ShiftJisWriter<W> {
    pub fn new(out: W) -> Self {
        ShiftJisWriter {
            out,
            encoder: encoding_rs::SHIFT_JIS.new_encoder(),
            pending: Vec::new(),
            encoded: vec![0; 1 << 16],
            unmappable: 0,
        }
    }

    fn encode(&mut self, mut text: &str) -> io::Result<()> {
        loop {
            let (result, read, written) =
                self.encoder
                    .encode_from_utf8_without_replacement(text, &mut self.encoded, false);
            self.out.write_all(&self.encoded[..written])?;
            text = &text[read..];
            match result {
                encoding_rs::EncoderResult::InputEmpty => return Ok(()),
                encoding_rs::EncoderResult::OutputFull => {}
                encoding_rs::EncoderResult::Unmappable(_) => {
                    self.unmappable += 1;
                    self.out.write_all(b"?")?;
                }
            }
        }
    }
}

impl<W: io::Write> io::Write for ShiftJisWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut pending = std::mem::take(&mut self.pending);
        pending.extend_from_slice(bytes);
        // Everything up to a character cut at the end; the csv writer hands
        // over whole UTF-8 text, cut anywhere.
        let valid = match std::str::from_utf8(&pending) {
            Ok(_) => pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the output is not UTF-8 text",
                ));
            }
        };
        let text = std::str::from_utf8(&pending[..valid]).expect("checked above");
        self.encode(text)?;
        self.pending = pending[valid..].to_vec();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
