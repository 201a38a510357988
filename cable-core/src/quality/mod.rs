//! The quality report: for each cable, and summed over an archive, the anomalies that tell
//! a researcher which values to trust less and where the parser's next quirk hides.
//!
//! Every check reads the parsed tree; none parses the cable again with rules of its own:
//!
//! - `references_without_id`: references of kind `cable` or `other` without a
//!   [`crate::Reference::cited_id`] (a cable with no year, a station the release does not know,
//!   an item the parser could not read). Documents the parser read as e-mails, telcons,
//!   memcons, letters, meetings or reports cite no cable and need no id.
//! - `ids_not_in_release`: references whose id the release does not hold
//!   ([`crate::Reference::in_release`] is `false`): a cable outside the release, or a misread.
//! - `stations_guessed`: the diagnostics with the code [`STATION_GUESSED`], which the
//!   parser reports for each REF station it resolved by guessing (one letter off, a short
//!   form, ...).
//! - `subject_caveat`: subjects holding a handling caveat ([`SUBJECT_CAVEATS`]), which
//!   belongs to the lines around the subject, not to it.
//! - `subject_page_marker`: subjects holding a page marker (`QUITO 00000221 001.2 OF
//!   003`, `PAGE 02 ...`), as the grammar's own `page_break` rule reads one.
//! - `signature_word`: signatures whose every word (initials aside) is a common English
//!   word ([`SIGNATURE_WORDS`], or a word ending in `-TION`/`-SION`): most often the last
//!   words of an all-caps sentence (`... FOR THEIR COOPERATION.`) read as the signer.
//! - `subject_missing`, `tags_missing`, `classifier_missing`: cables without a subject,
//!   TAGS or a Classified By line although the head of the text writes the label (see
//!   [`head_lines`] for what the head is and [`Quality::of`] for the labels).
//!
//! ```
//! use cable_core::quality::{Quality, QualityReport};
//!
//! let cable = cable_core::parse(
//!     "UNCLAS STATE 000001\nSUBJECT: TALKS SIPDIS\n\n1. (U) TEXT.\n",
//! );
//! let quality = Quality::of(&cable);
//! assert!(quality.subject_caveat);
//! let mut report = QualityReport::default();
//! report.add(&quality);
//! assert_eq!(report.subject_caveat.cables, 1);
//! assert!(report.to_text().contains("subject_caveat"));
//! ```

mod checks;
mod report;
mod words;

pub use checks::{head_lines, Quality, HEAD_TEXT_LINES, STATION_GUESSED};
pub use report::{Anomaly, QualityReport, ANOMALIES, EXAMPLES};
pub use words::{SIGNATURE_WORDS, SUBJECT_CAVEATS};
