//! A row's cells as read: their bytes one after another, and where each
//! ends, as csv's `ByteRecord` keeps them; filled by csv_core straight
//! from a block of input ([`Cells::read`]), with no reader's buffer
//! between, or copied from csv's record where the input is read in order
//! ([`Cells::set_record`]).

use csv_core::ReadRecordResult;

/// The cells of one row (see the module): one pointer, as a row's
/// records move from thread to thread with it.
#[derive(Default)]
pub(super) struct Cells(Box<Inner>);

#[derive(Default)]
struct Inner {
    /// Room csv_core writes the cells' bytes into; the first `used` are.
    bytes: Vec<u8>,
    used: usize,
    /// Where each cell ends in `bytes`: the first `count` are.
    ends: Vec<usize>,
    count: usize,
}

impl Cells {
    /// Room for a row of `bytes` bytes in `width` cells.
    pub(super) fn with_capacity(bytes: usize, width: usize) -> Cells {
        Cells(Box::new(Inner {
            bytes: vec![0; bytes.max(1)],
            used: 0,
            ends: vec![0; width.max(1)],
            count: 0,
        }))
    }

    pub(super) fn clear(&mut self) {
        self.0.used = 0;
        self.0.count = 0;
    }

    #[inline]
    pub(super) fn len(&self) -> usize {
        self.0.count
    }

    #[inline]
    pub(super) fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.0.ends[..self.0.count].get(i)?;
        let start = if i == 0 { 0 } else { self.0.ends[i - 1] };
        Some(&self.0.bytes[start..end])
    }

    #[inline]
    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = &[u8]> + Clone {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// The bytes of every cell, one after another.
    #[inline]
    fn as_slice(&self) -> &[u8] {
        &self.0.bytes[..self.0.used]
    }

    /// A cell after the others.
    pub(super) fn push_field(&mut self, cell: &[u8]) {
        let end = self.0.used + cell.len();
        if end > self.0.bytes.len() {
            self.0.bytes.resize(end.max(2 * self.0.bytes.len()), 0);
        }
        self.0.bytes[self.0.used..end].copy_from_slice(cell);
        self.0.used = end;
        if self.0.count == self.0.ends.len() {
            self.0.ends.resize(2 * self.0.ends.len().max(1), 0);
        }
        self.0.ends[self.0.count] = end;
        self.0.count += 1;
    }

    /// The cells of csv's record (where the input is read in order): its
    /// bytes copied at once, not a cell at a time.
    pub(super) fn set_record(&mut self, record: &csv::ByteRecord) {
        let c = &mut *self.0;
        let bytes = record.as_slice();
        if c.bytes.len() < bytes.len() {
            c.bytes.resize(bytes.len(), 0);
        }
        c.bytes[..bytes.len()].copy_from_slice(bytes);
        c.used = bytes.len();
        if c.ends.len() < record.len() {
            c.ends.resize(record.len(), 0);
        }
        let mut end = 0;
        for (slot, cell) in c.ends.iter_mut().zip(record) {
            end += cell.len();
            *slot = end;
        }
        c.count = record.len();
    }

    /// The next record csv_core reads from `input` at `at` (moved past
    /// it), as csv reads it; false at the end. All of `input` is there to
    /// read: where it ends, the input ends. With `bom_is_text`, a BOM at
    /// `at` is read as text, where csv_core would take it for the file's
    /// BOM (before its first read: so the first is of one byte).
    pub(super) fn read(
        &mut self,
        core: &mut csv_core::Reader,
        input: &[u8],
        at: &mut usize,
        bom_is_text: bool,
    ) -> bool {
        self.clear();
        let mut to = if bom_is_text {
            (*at + 1).min(input.len())
        } else {
            input.len()
        };
        loop {
            let (result, read, wrote, ended) = core.read_record(
                &input[*at..to],
                &mut self.0.bytes[self.0.used..],
                &mut self.0.ends[self.0.count..],
            );
            *at += read;
            self.0.used += wrote;
            self.0.count += ended;
            match result {
                // The rest; or, all read, the next call (given nothing)
                // ends the record.
                ReadRecordResult::InputEmpty => to = input.len(),
                ReadRecordResult::OutputFull => {
                    self.0.bytes.resize(2 * self.0.bytes.len().max(64), 0)
                }
                ReadRecordResult::OutputEndsFull => {
                    self.0.ends.resize(2 * self.0.ends.len().max(8), 0);
                }
                ReadRecordResult::Record => return true,
                ReadRecordResult::End => return false,
            }
        }
    }

    /// Whether every byte of every cell is ASCII.
    #[inline]
    pub(super) fn is_ascii(&self) -> bool {
        self.as_slice().is_ascii()
    }

    /// Whether every cell is empty (or there is none).
    #[inline]
    pub(super) fn is_blank(&self) -> bool {
        self.0.used == 0
    }

    /// The first cell that is not UTF-8. The bytes are checked at once
    /// (one pass, not one a cell); when they are text, a cell is too
    /// unless a character runs across its start, which a continuation byte
    /// there shows.
    pub(super) fn first_not_utf8(&self) -> Option<usize> {
        let bytes = self.as_slice();
        let per_cell = || {
            self.iter()
                .position(|cell| std::str::from_utf8(cell).is_err())
        };
        if std::str::from_utf8(bytes).is_err() {
            return per_cell();
        }
        let mut start = 0;
        for cell in self.iter() {
            if bytes.get(start).is_some_and(|b| (0x80..0xC0).contains(b)) {
                return per_cell();
            }
            start += cell.len();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(cells: &[&[u8]]) -> Cells {
        let mut out = Cells::default();
        for cell in cells {
            out.push_field(cell);
        }
        out
    }

    #[test]
    fn cells_pushed_are_read_back() {
        let row = cells(&[b"a", b"", "障害".as_bytes()]);
        assert_eq!(row.len(), 3);
        let all: Vec<&[u8]> = row.iter().collect();
        assert_eq!(all, [&b"a"[..], b"", "障害".as_bytes()]);
        assert_eq!(row.get(3), None);
        assert!(!row.is_ascii());
        assert!(cells(&[b"", b""]).is_blank());
        assert!(!row.is_blank());
    }

    #[test]
    fn records_are_read_as_csv_reads_them() {
        let input = b"a,\"b,\"\"c\"\"\"\r\n\n,\nlast";
        let mut core = csv_core::Reader::new();
        let mut row = Cells::with_capacity(1, 1);
        let mut at = 0;
        let mut read = Vec::new();
        while row.read(&mut core, input, &mut at, false) {
            read.push(row.iter().map(<[u8]>::to_vec).collect::<Vec<_>>());
        }
        let want: Vec<Vec<Vec<u8>>> = vec![
            vec![b"a".to_vec(), b"b,\"c\"".to_vec()],
            vec![b"".to_vec(), b"".to_vec()],
            vec![b"last".to_vec()],
        ];
        assert_eq!(read, want);
        assert_eq!(at, input.len());
    }

    #[test]
    fn a_bom_is_the_files_unless_it_is_read_as_text() {
        let input = "\u{feff}a,b\n".as_bytes();
        for (bom_is_text, first) in [(false, &b"a"[..]), (true, "\u{feff}a".as_bytes())] {
            let mut core = csv_core::Reader::new();
            let mut row = Cells::with_capacity(16, 2);
            let mut at = 0;
            assert!(row.read(&mut core, input, &mut at, bom_is_text));
            assert_eq!(row.get(0), Some(first));
            assert_eq!(row.get(1), Some(&b"b"[..]));
        }
    }

    #[test]
    fn the_first_cell_that_is_not_utf8_is_found_in_one_pass_or_per_cell() {
        assert_eq!(
            cells(&[b"a", "障害".as_bytes(), b"c"]).first_not_utf8(),
            None
        );
        assert_eq!(cells(&[b"a", b"b\xff", b"c"]).first_not_utf8(), Some(1));
        // Valid once joined, not cell by cell: a character across a cell's
        // start is found.
        let chars = "あ".as_bytes();
        let (head, tail) = chars.split_at(1);
        let straddling = cells(&[b"x", head, tail]);
        assert!(std::str::from_utf8(straddling.as_slice()).is_ok());
        assert_eq!(straddling.first_not_utf8(), Some(1));
    }
}
