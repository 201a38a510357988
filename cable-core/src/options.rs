//! How to parse: the options every entry point takes, set with builder methods.

use crate::ast::Container;
use crate::DEFAULT_MAX_INPUT_BYTES;

/// How to parse: built with [`Options::new`] and the builder methods, read with the
/// `get_` methods.
///
/// The builder methods that take an `impl Into<Option<_>>` accept the value or `None`
/// (the default), so that the optional arguments of a binding pass straight through.
///
/// ```
/// use cable_core::{Container, Options};
/// let opts = Options::new().container(Container::HtmlPre).year(2007).strict(true);
/// assert_eq!(opts.get_container(), Some(Container::HtmlPre));
/// assert_eq!(opts.get_year(), Some(2007));
/// assert_eq!(opts.container(None).get_container(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The container, or `None` to detect it.
    pub(crate) container: Option<Container>,
    /// Reject the first deviation from the grammar instead of recovering.
    pub(crate) strict: bool,
    /// Inputs larger than this are refused with [`crate::Error::TooLarge`].
    pub(crate) max_input_bytes: usize,
    /// The year the cable was sent, for texts that carry no date; see [`Options::year`].
    pub(crate) year: Option<u16>,
    /// The name of the file the text came from; see [`Options::file_name`].
    pub(crate) file_name: Option<String>,
    /// Whether a file name that is a reference id gives the cable its id and year when
    /// the text gives none (the default); see [`Options::id_from_file_name`].
    pub(crate) id_from_file_name: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            container: None,
            strict: false,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            year: None,
            file_name: None,
            id_from_file_name: true,
        }
    }
}

impl Options {
    /// Lenient parsing with container detection (the default).
    ///
    /// ```
    /// assert_eq!(cable_core::Options::new(), Default::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Names the container instead of detecting it; `None` detects it (the default).
    ///
    /// ```
    /// use cable_core::{Container, Options};
    /// let opts = Options::new().container(Container::BareText).strict(true);
    /// assert!(opts.is_strict());
    /// ```
    pub fn container(mut self, container: impl Into<Option<Container>>) -> Self {
        self.container = container.into();
        self
    }

    /// Sets strict mode: the first deviation from the grammar is an [`crate::Error`].
    ///
    /// ```
    /// let opts = cable_core::Options::new().strict(true);
    /// assert!(cable_core::parse_with("FM X\nTO\n", &opts).is_err());
    /// ```
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Sets the input size limit in bytes; `None` is [`DEFAULT_MAX_INPUT_BYTES`].
    ///
    /// ```
    /// let opts = cable_core::Options::new().max_input_bytes(4);
    /// assert!(cable_core::parse_with("UNCLAS", &opts).is_err());
    /// assert_eq!(opts.max_input_bytes(None).get_max_input_bytes(), cable_core::DEFAULT_MAX_INPUT_BYTES);
    /// ```
    pub fn max_input_bytes(mut self, limit: impl Into<Option<usize>>) -> Self {
        self.max_input_bytes = limit.into().unwrap_or(DEFAULT_MAX_INPUT_BYTES);
        self
    }

    /// The year the cable was sent (e.g. 2007), for containers that carry no date: a bare
    /// `<pre>` block or pasted text; `None` for none (the default). REF items that omit
    /// their year (`BERLIN 1398`) are resolved with it. A date in the text itself
    /// (metadata, the date-time group, a publication's date line) comes first.
    ///
    /// ```
    /// use cable_core::{parse_with, Container, Options};
    /// let pre = "<pre>UNCLAS BERLIN 001767\n\nREF: A. BERLIN 1398\n\n1. (U) TEXT.\n</pre>";
    /// let opts = Options::new().container(Container::HtmlPre);
    /// let id = |o: &Options| parse_with(pre, o).unwrap().body.unwrap().references[0].cited_id.clone();
    /// assert_eq!(id(&opts), None);
    /// assert_eq!(id(&opts.clone().year(2007)).as_deref(), Some("07BERLIN1398"));
    /// ```
    pub fn year(mut self, year: impl Into<Option<u16>>) -> Self {
        self.year = year.into();
        self
    }

    /// The name of the file the text came from (a path or a bare name). Cablegate files
    /// are named by their reference id (`08BRASILIA1224.html`): when the text gives the
    /// cable no id (a bare `<pre>` block has no metadata and no date), such a name gives
    /// it its id and year, and an `id-from-file-name` diagnostic says so.
    /// [`crate::parse_file`] sets it.
    ///
    /// ```
    /// use cable_core::{parse_with, Container, Options};
    /// let pre = "<pre>UNCLAS BERLIN 001767\n\nREF: A. BERLIN 1398\n\n1. (U) TEXT.\n</pre>";
    /// let opts = Options::new().container(Container::HtmlPre).file_name("07BERLIN1767.html");
    /// let cable = parse_with(pre, &opts).unwrap();
    /// assert_eq!(cable.id.as_deref(), Some("07BERLIN1767"));
    /// assert_eq!(cable.body.unwrap().references[0].cited_id.as_deref(), Some("07BERLIN1398"));
    /// ```
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Whether a file name that is a reference id gives the cable its id and year (on by
    /// default; see [`Options::file_name`]).
    ///
    /// ```
    /// use cable_core::{parse_with, Options};
    /// let opts = Options::new().file_name("07BERLIN1767.txt").id_from_file_name(false);
    /// assert_eq!(parse_with("UNCLAS BERLIN 001767\n", &opts).unwrap().id, None);
    /// ```
    pub fn id_from_file_name(mut self, on: bool) -> Self {
        self.id_from_file_name = on;
        self
    }

    /// The container named, or `None` when it is detected.
    ///
    /// ```
    /// assert_eq!(cable_core::Options::new().get_container(), None);
    /// ```
    pub fn get_container(&self) -> Option<Container> {
        self.container
    }

    /// Whether parsing is strict.
    ///
    /// ```
    /// assert!(!cable_core::Options::new().is_strict());
    /// ```
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// The input size limit in bytes.
    ///
    /// ```
    /// assert_eq!(cable_core::Options::new().get_max_input_bytes(), 64 * 1024 * 1024);
    /// ```
    pub fn get_max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }

    /// The year given for texts that carry no date.
    ///
    /// ```
    /// assert_eq!(cable_core::Options::new().year(2007).get_year(), Some(2007));
    /// ```
    pub fn get_year(&self) -> Option<u16> {
        self.year
    }

    /// The name of the file the text came from, when one is given.
    ///
    /// ```
    /// let opts = cable_core::Options::new().file_name("07BERLIN1767.html");
    /// assert_eq!(opts.get_file_name(), Some("07BERLIN1767.html"));
    /// ```
    pub fn get_file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// Whether a file name that is a reference id may give the cable its id and year.
    ///
    /// ```
    /// assert!(cable_core::Options::new().get_id_from_file_name());
    /// ```
    pub fn get_id_from_file_name(&self) -> bool {
        self.id_from_file_name
    }

    /// The reference id the file name gives, when it is one and may be used.
    pub(crate) fn file_id(&self) -> Option<&str> {
        let name = self
            .file_name
            .as_deref()
            .filter(|_| self.id_from_file_name)?;
        let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = name.split('.').next().unwrap_or(name);
        crate::reference_id::is_written_id(stem).then_some(stem)
    }
}
