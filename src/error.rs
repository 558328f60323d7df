//! The library's errors, as found in a chain of causes. One list, read by
//! the binary for the exit code and by the render layer for the message, so
//! that an error the library adds is known to both or to neither.

use crate::batch::BatchError;
use crate::diff::SavedError;
use crate::file_error::FileError;
use crate::intake::IntakeError;
use crate::invoice::InvoiceError;
use crate::invoice::tickets::TicketsError;
use crate::money::Overflow;
use crate::quote::QuoteError;
use crate::register::RegisterError;

/// A library error, by kind.
#[derive(Debug, Clone, Copy)]
pub enum Known<'a> {
    /// A system file, rate card or firm profile with problems.
    File(&'a FileError),
    /// A fact of a case given wrongly.
    Intake(&'a IntakeError),
    /// A quote that cannot be made.
    Quote(&'a QuoteError),
    /// A batch that cannot be read.
    Batch(&'a BatchError),
    /// A saved quote that cannot be read.
    Saved(&'a SavedError),
    /// The register cannot be used or refuses a request.
    Register(&'a RegisterError),
    /// A contract that cannot be invoiced for the month asked.
    Invoice(&'a InvoiceError),
    /// A ticket file the invoice cannot bill from.
    Tickets(&'a TicketsError),
    /// An amount beyond what hoshu can count.
    Overflow,
}

impl<'a> Known<'a> {
    /// The library error `err` is, if it is one.
    pub fn find(err: &'a (dyn std::error::Error + 'static)) -> Option<Known<'a>> {
        if let Some(e) = err.downcast_ref::<FileError>() {
            Some(Known::File(e))
        } else if let Some(e) = err.downcast_ref::<IntakeError>() {
            Some(Known::Intake(e))
        } else if let Some(e) = err.downcast_ref::<QuoteError>() {
            Some(Known::Quote(e))
        } else if let Some(e) = err.downcast_ref::<BatchError>() {
            Some(Known::Batch(e))
        } else if let Some(e) = err.downcast_ref::<SavedError>() {
            Some(Known::Saved(e))
        } else if let Some(e) = err.downcast_ref::<RegisterError>() {
            Some(Known::Register(e))
        } else if let Some(e) = err.downcast_ref::<InvoiceError>() {
            Some(Known::Invoice(e))
        } else if let Some(e) = err.downcast_ref::<TicketsError>() {
            Some(Known::Tickets(e))
        } else if err.is::<Overflow>() {
            Some(Known::Overflow)
        } else {
            None
        }
    }

    /// Whether the user's input caused it (exit 2), not the machine or
    /// hoshu's own limits (exit 1).
    pub fn is_invalid_input(self) -> bool {
        !matches!(
            self,
            Known::Batch(BatchError::Io(_))
                | Known::Overflow
                | Known::Invoice(InvoiceError::Overflow | InvoiceError::DoesNotAddUp { .. })
                | Known::Register(
                    RegisterError::Database { .. }
                        | RegisterError::NotARegister { .. }
                        | RegisterError::TooNew { .. }
                        | RegisterError::Tampered { .. }
                )
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Known;
    use crate::batch::BatchError;
    use crate::money::Overflow;

    fn known(err: &(dyn std::error::Error + 'static)) -> Option<bool> {
        Known::find(err).map(Known::is_invalid_input)
    }

    #[test]
    fn input_errors_are_invalid_input_and_the_machines_are_not() {
        assert_eq!(known(&BatchError::NoHeader), Some(true));
        assert_eq!(
            known(&BatchError::Io(std::io::Error::other("disk"))),
            Some(false)
        );
        assert_eq!(known(&Overflow), Some(false));
        assert_eq!(known(&std::io::Error::other("not ours")), None);
    }
}
