//! Tables that fit the terminal. hoshu wraps every cell itself, to widths
//! it chose, so that comfy-table has nothing left to wrap: a Japanese
//! sentence breaks between characters but not before 、。ー, a number or a
//! word is never cut, a label breaks at its spaces.

use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, Table, presets};

use super::{Style, unbreakable, width, wrap, wrap_words};

/// How a column's cells may break, and where they sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    /// Sentences: at spaces and between Japanese characters ([`wrap`]).
    /// Otherwise at spaces only ([`wrap_words`]).
    text: bool,
    right: bool,
}

impl Column {
    /// Sentences and long names.
    pub const TEXT: Column = Column {
        text: true,
        right: false,
    };
    /// Short labels and marks, broken at their spaces only.
    pub const LABEL: Column = Column {
        text: false,
        right: false,
    };
    /// Amounts, right-aligned, broken at their spaces only (`¥10,000 /mo`).
    pub const NUMBER: Column = Column {
        text: false,
        right: true,
    };

    /// The widest piece of `cell` this column cannot break.
    fn least(self, cell: &str) -> usize {
        cell.lines()
            .map(|line| {
                if self.text {
                    unbreakable(line)
                } else {
                    line.split(' ').map(width).max().unwrap_or(0)
                }
            })
            .max()
            .unwrap_or(0)
    }

    fn wrap(self, cell: &str, limit: usize) -> String {
        if self.text {
            wrap(cell, Some(u16::try_from(limit).unwrap_or(u16::MAX)))
        } else {
            wrap_words(cell, limit)
        }
    }
}

/// A table's text, laid out when it is rendered.
pub(crate) struct Grid {
    columns: Vec<Column>,
    header: Vec<String>,
    /// Each row's cells, and whether the row is bold (a total).
    rows: Vec<(Vec<String>, bool)>,
    /// Whether a header may wrap to its column's cells rather than widen
    /// the column (long plan titles over amounts).
    narrow_header: bool,
}

impl Grid {
    /// `header` names the columns; a header breaks like a sentence.
    pub fn new(columns: &[Column], header: Vec<String>) -> Grid {
        debug_assert_eq!(columns.len(), header.len());
        Grid {
            columns: columns.to_vec(),
            header,
            rows: Vec::new(),
            narrow_header: false,
        }
    }

    /// Headers that wrap to their column's cells, never widening it past
    /// them (or past their longest word).
    pub fn narrow_header(mut self) -> Grid {
        self.narrow_header = true;
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.rows.push((cells, false));
    }

    pub fn bold_row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.rows.push((cells, true));
    }

    /// The widths to wrap each column to so that the table fits
    /// `style.width`; `None` when it need not or cannot (comfy-table then
    /// does what it can).
    ///
    /// Every column starts at its longest unbreakable piece; a header is
    /// kept to whole words when that fits, else broken like a sentence. The
    /// column that needs most room to show whole (the items, the reasons)
    /// is then promised a quarter of the table or its whole text; what is
    /// left goes to the other columns, the smallest need first and whole, so
    /// that short labels and amounts stay on one line; the main column gets
    /// the rest.
    fn widths(&self, style: Style) -> Option<Vec<usize>> {
        let n = self.columns.len();
        // Borders between and around the columns, a space each side of a cell.
        let room = usize::from(style.width?).checked_sub(n + 1 + 2 * n)?;
        let mut full = vec![0; n];
        let header = (!self.narrow_header).then_some(&self.header);
        for cells in self.rows.iter().map(|(cells, _)| cells).chain(header) {
            for (c, cell) in cells.iter().enumerate() {
                full[c] = full[c].max(cell.lines().map(width).max().unwrap_or(0));
            }
        }
        if self.narrow_header {
            for (c, cell) in self.header.iter().enumerate() {
                full[c] = full[c].max(Column::LABEL.least(cell));
            }
        }
        if full.iter().sum::<usize>() <= room {
            // Room to spare widens a narrow header, the narrowest need first.
            if self.narrow_header {
                let mut extra = room - full.iter().sum::<usize>();
                let head = |c: usize| self.header[c].lines().map(width).max().unwrap_or(0);
                let mut order: Vec<usize> = (0..n).collect();
                order.sort_by_key(|&c| head(c).saturating_sub(full[c]));
                for c in order {
                    let more = head(c).saturating_sub(full[c]).min(extra);
                    full[c] += more;
                    extra -= more;
                }
            }
            return Some(full);
        }
        let least = |header: Column| {
            let mut least = vec![0; n];
            for (c, column) in self.columns.iter().enumerate() {
                least[c] = header.least(&self.header[c]);
                for (cells, _) in &self.rows {
                    least[c] = least[c].max(column.least(&cells[c]));
                }
            }
            least
        };
        let least = Some(least(Column::LABEL))
            .filter(|l| l.iter().sum::<usize>() <= room)
            .unwrap_or_else(|| least(Column::TEXT));
        let mut widths = least.clone();
        let mut extra = room.checked_sub(least.iter().sum())?;
        let need = |c: usize| full[c] - least[c];
        let main = (0..n).max_by_key(|&c| need(c))?;
        let promised = need(main).min((room / 4).saturating_sub(least[main]));
        let mut others: Vec<usize> = (0..n).filter(|&c| c != main).collect();
        others.sort_by_key(|&c| need(c));
        for &c in &others {
            // Whole, if the main column keeps what it was promised.
            if need(c) + promised <= extra {
                widths[c] = full[c];
                extra -= need(c);
            }
        }
        let given = extra.min(need(main));
        widths[main] += given;
        extra -= given;
        // What the main column did not need widens the others still short.
        for c in others {
            let more = extra.min(full[c] - widths[c]);
            widths[c] += more;
            extra -= more;
        }
        Some(widths)
    }

    /// The table in hoshu's house style, every cell wrapped to its width.
    pub fn render(&self, style: Style) -> String {
        let widths = self.widths(style);
        let fit = |c: usize, cell: &str, column: Column| match &widths {
            Some(widths) => column.wrap(cell, widths[c]),
            None => cell.to_owned(),
        };
        let mut table = table(style);
        // A header breaks at its spaces when its words fit, else anywhere
        // a sentence may.
        table.set_header(self.header.iter().enumerate().map(|(c, h)| {
            let words = widths
                .as_ref()
                .is_some_and(|w| Column::LABEL.least(h) <= w[c]);
            fit(c, h, if words { Column::LABEL } else { Column::TEXT })
        }));
        for (cells, bold) in &self.rows {
            table.add_row(cells.iter().enumerate().map(|(c, cell)| {
                let column = self.columns[c];
                let mut cell = Cell::new(fit(c, cell, column));
                if column.right {
                    cell = cell.set_alignment(CellAlignment::Right);
                }
                if *bold {
                    cell = cell.add_attribute(Attribute::Bold);
                }
                cell
            }));
        }
        table.to_string()
    }
}

/// A table in hoshu's house style.
fn table(style: Style) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if let Some(width) = style.width {
        table
            .set_width(width)
            .set_content_arrangement(ContentArrangement::Dynamic);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::{Column, Grid};
    use crate::render::Style;

    fn grid() -> Grid {
        let mut grid = Grid::new(
            &[Column::LABEL, Column::TEXT, Column::NUMBER],
            vec!["Factor".into(), "Why".into(), "Amount".into()],
        );
        grid.row(vec![
            "#01 Access volume".into(),
            "400 visits a day fit tier \"low\" (up to 1,000 visits a day).".into(),
            "¥3,000 /mo".into(),
        ]);
        grid
    }

    fn at(width: u16) -> Style {
        Style {
            color: false,
            width: Some(width),
        }
    }

    #[test]
    fn a_table_that_fits_keeps_every_column_whole() {
        assert_eq!(grid().widths(at(120)), Some(vec![17, 59, 10]));
        assert_eq!(
            grid().widths(Style {
                width: None,
                ..at(0)
            }),
            None
        );
    }

    #[test]
    fn short_columns_stay_whole_and_the_sentence_takes_the_rest() {
        // 50 less 4 borders and 6 spaces: 40 to share.
        assert_eq!(grid().widths(at(50)), Some(vec![17, 13, 10]));
        let text = grid().render(at(50));
        assert!(text.contains("#01 Access volume"), "{text}");
        assert!(text.contains("¥3,000 /mo"), "{text}");
        assert!(
            text.lines().all(|l| crate::render::width(l) <= 50),
            "{text}"
        );
    }

    #[test]
    fn when_space_is_short_labels_break_at_their_spaces() {
        // 30 less 10: 20; the least the columns can take is 6 + 6 + 6.
        assert_eq!(grid().widths(at(30)), Some(vec![6, 8, 6]));
        let text = grid().render(at(30));
        assert!(text.contains("│ Access ┆"), "{text}");
        assert!(text.contains("¥3,000"), "{text}");
        // Narrower than the longest words: comfy-table does what it can.
        assert_eq!(grid().widths(at(24)), None);
    }
}
