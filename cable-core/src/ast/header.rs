//! The nodes of the transmission header: the routing, the `DE` line, the date-time
//! group and the recipients. They are what `crate::header` builds from the lines above the
//! body, and no body node holds one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{PageBreak, Span, Unparsed};
use crate::names::named_enum;

/// The transmission header: routing, originator and recipients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Header {
    /// `VZCZC` + station + serial, e.g. `VZCZCXRO8970`; `null` on older headers.
    pub transmission_id: Option<String>,
    /// The relay precedence prosign and routing indicators.
    pub routing: Option<Routing>,
    /// The `DE` line: originating station, sequence, part and time.
    pub de: Option<De>,
    /// The security line as written, e.g. `ZNR UUUUU ZZH`.
    pub security: Option<String>,
    /// The precedence prosign(s) before the date-time group, e.g. `P` or `O P`.
    pub precedence: Option<String>,
    /// The date-time group.
    pub dtg: Option<Dtg>,
    /// The originator (`FM` line), e.g. `AMEMBASSY ASTANA`.
    pub from: Option<String>,
    /// Action recipients (`TO`).
    pub to: Vec<Recipient>,
    /// Information recipients (`INFO`).
    pub info: Vec<Recipient>,
    /// A State distribution block (`INFO LOG-00 ...`), as written.
    pub distribution: Option<Distribution>,
    /// Page-break lines met inside the header.
    pub page_breaks: Vec<PageBreak>,
    /// Header lines that were not understood, kept verbatim.
    pub unparsed: Vec<Unparsed>,
    /// The whole header.
    pub span: Span,
}

/// The relay precedence and routing indicators, e.g. `PP RUEHAG RUEHAST ...`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Routing {
    /// The two-letter precedence prosign, e.g. `PP`, `OO`, `RR`, `ZZ`.
    pub precedence: String,
    /// The routing indicators, in order.
    pub stations: Vec<String>,
    /// The routing lines.
    pub span: Span,
}

/// The `DE` line, e.g. `DE RUEHTA #1145/01 1901056`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct De {
    /// The originating station's routing indicator, e.g. `RUEHTA`.
    pub station: String,
    /// The station sequence number, as written, e.g. `1145`.
    pub sequence: Option<String>,
    /// The part number after `/`, e.g. `01`.
    pub part: Option<String>,
    /// The Julian day and time as written, e.g. `1901056`.
    pub time: Option<String>,
    /// The Julian day of the year, e.g. `190`.
    pub julian_day: Option<u16>,
    /// The line.
    pub span: Span,
}

/// A date-time group, e.g. `091056Z JUL 09`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Dtg {
    /// As written.
    pub raw: String,
    /// As an RFC 3339 UTC timestamp, e.g. `2009-07-09T10:56:00Z`; `null` when invalid.
    pub timestamp: Option<String>,
    /// The group.
    pub span: Span,
}

/// One `TO` or `INFO` recipient, e.g. `RUEHC/SECSTATE WASHDC PRIORITY 5752`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Recipient {
    /// The routing indicator before `/`, e.g. `RUEHC`; `null` when absent.
    pub route: Option<String>,
    /// The addressee, e.g. `SECSTATE WASHDC`.
    pub name: String,
    /// The addressee the routing indicator stands for in ACP 117, e.g. `DEPT OF STATE WASHINGTON DC`
    /// for `RUEHC` (useful where the cable gives no name: `RUEHC/`).
    pub route_name: Option<String>,
    /// The precedence word as written, e.g. `PRIORITY`, `NIACT IMMEDIATE`, `PIORITY`.
    pub precedence: Option<String>,
    /// The precedence it stands for, typos read (`PIORITY` is priority).
    pub precedence_level: Option<Precedence>,
    /// The message control number, e.g. `5752` (leading zeros kept).
    pub mcn: Option<String>,
    /// `XMT` exclusions that follow a collective: names that do not receive it.
    pub excluded: Vec<String>,
    /// The recipient line(s).
    pub span: Span,
}

/// A State distribution block, e.g. `INFO LOG-00 EAP-00 ...`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Distribution {
    /// The distribution codes in order, e.g. `LOG-00`, `EAP-00`.
    pub codes: Vec<String>,
    /// The block as written.
    pub text: String,
    /// The block.
    pub span: Span,
}

named_enum! {
    /// The precedence of a message.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
    #[cfg_attr(
        feature = "python",
        pyo3::pyclass(module = "cable", eq, eq_int, frozen, hash)
    )]
    #[non_exhaustive]
    pub enum Precedence as "precedence" {
        /// `FLASH`.
        Flash = "flash",
        /// `NIACT IMMEDIATE`: night action, immediate.
        NiactImmediate = "niact_immediate",
        /// `IMMEDIATE`.
        Immediate = "immediate",
        /// `PRIORITY`.
        Priority = "priority",
        /// `ROUTINE`.
        Routine = "routine",
    }
}
