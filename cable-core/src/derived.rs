//! Facts derived from the tree, with their fallbacks, defined once: the flat row
//! (`flat.rs`), the Python binding, the notebook card and `cable stats` all read them here.
//! When the cable was sent is no derived fact but a field of the tree, [`Cable::sent`],
//! whose documentation states the one precedence of its sources.

use crate::ast::*;

impl Cable {
    /// The subject: the body's full subject, else the metadata's short one.
    ///
    /// ```
    /// let cable = cable_core::parse("UNCLAS STATE 000001\nSUBJECT: (U) A TEST\n\n1. (U) HELLO.\n");
    /// assert_eq!(cable.subject(), Some("A TEST"));
    /// ```
    pub fn subject(&self) -> Option<&str> {
        let body = self.body.as_ref().and_then(|b| b.subject.as_ref());
        body.map(|s| s.text.as_str())
            .filter(|s| !s.is_empty())
            .or_else(|| self.metadata.as_ref().and_then(|m| m.subject.as_deref()))
    }

    /// The date the container's metadata gives the record, as RFC 3339 with its offset
    /// ([`Metadata::date`]). When the cable was sent is [`Cable::sent`].
    ///
    /// ```
    /// let text = "09ASTANA1145\nSUBJECT\nThu Jul 09 00:00:00 +0200 2009\nUNCLASSIFIED\nEmbassy Astana\nUNCLAS ASTANA 001145\n";
    /// assert_eq!(cable_core::parse(text).metadata_date(), Some("2009-07-09T00:00:00+02:00"));
    /// assert_eq!(cable_core::parse("UNCLAS ASTANA 001145\n").metadata_date(), None);
    /// ```
    pub fn metadata_date(&self) -> Option<&str> {
        self.metadata.as_ref()?.date.as_deref()
    }

    /// The year the cable was sent: the year of [`Cable::sent`] (as written there, in the
    /// date's own offset), else the year the cable's id begins with (`07BERLIN1767`: a
    /// `<pre>` block has no date of its own, but a file name may give it its id).
    ///
    /// ```
    /// let cable = cable_core::parse("P 091056Z JUL 09\nFM AMEMBASSY ASTANA\nTO RUEHC/SECSTATE WASHDC PRIORITY 5752\nUNCLAS ASTANA 001145\n");
    /// assert_eq!(cable.year(), Some(2009));
    /// let opts = cable_core::Options::new().file_name("85BERLIN1767.html");
    /// let pre = cable_core::parse_with("<pre>UNCLAS BERLIN 001767\n</pre>", &opts).unwrap();
    /// assert_eq!((pre.sent.as_deref(), pre.year()), (None, Some(1985)));
    /// ```
    pub fn year(&self) -> Option<u16> {
        let sent = self.sent.as_deref().and_then(|sent| {
            // RFC 3339 as the tree writes it: the day, then `T` and the time.
            let (day, time) = sent.split_at_checked(10)?;
            if !(time.is_empty() || time.starts_with('T')) {
                return None;
            }
            u16::try_from(crate::dates::Date::parse_iso(day)?.year).ok()
        });
        sent.or_else(|| {
            let year = crate::reference_id::year_of(self.id.as_deref()?)?;
            u16::try_from(crate::reference_id::full_year(year)).ok()
        })
    }

    /// The originating post: the metadata's (`Embassy Astana`), else the `FM` line.
    ///
    /// ```
    /// let cable = cable_core::parse("FM AMEMBASSY ASTANA\nTO RUEHC/SECSTATE WASHDC PRIORITY 5752\nUNCLAS ASTANA 001145\n");
    /// assert_eq!(cable.origin(), Some("AMEMBASSY ASTANA"));
    /// ```
    pub fn origin(&self) -> Option<&str> {
        let metadata = self.metadata.as_ref().map(|m| m.origin.as_str());
        metadata.or_else(|| self.header.as_ref().and_then(|h| h.from.as_deref()))
    }

    /// The classification as written: the metadata's
    /// (`UNCLASSIFIED//FOR OFFICIAL USE ONLY`), else the banner's marking.
    ///
    /// ```
    /// let cable = cable_core::parse("C O N F I D E N T I A L STATE 000001\n");
    /// assert_eq!(cable.classification(), Some("C O N F I D E N T I A L"));
    /// ```
    pub fn classification(&self) -> Option<&str> {
        let metadata = self.metadata.as_ref().map(|m| m.classification.as_str());
        metadata.or_else(|| self.banner().map(|b| b.marking.as_str()))
    }

    /// The classification level: the banner's, else read from the metadata's text.
    ///
    /// ```
    /// use cable_core::Classification;
    /// let cable = cable_core::parse("S E C R E T STATE 000001\n");
    /// assert_eq!(cable.classification_level(), Some(Classification::Secret));
    /// ```
    pub fn classification_level(&self) -> Option<Classification> {
        let banner = self.banner().map(|b| b.classification);
        banner.or_else(|| {
            let metadata = self.metadata.as_ref()?;
            crate::body::level_in(&metadata.classification)
        })
    }

    /// The signer, e.g. `HOAGLAND`.
    ///
    /// ```
    /// let cable = cable_core::parse("UNCLAS STATE 000001\n\n1. (U) HELLO.\n\nRICE\n");
    /// assert_eq!(cable.signature(), Some("RICE"));
    /// ```
    pub fn signature(&self) -> Option<&str> {
        let body = self.body.as_ref()?;
        body.signature.as_ref().map(|s| s.name.as_str())
    }

    /// The body's banner.
    fn banner(&self) -> Option<&Banner> {
        self.body.as_ref().and_then(|b| b.banner.as_ref())
    }
}

impl Body {
    /// The codes of the TAGS, in order, e.g. `["PGOV", "PREL", "KZ"]`.
    ///
    /// ```
    /// let cable = cable_core::parse("UNCLAS STATE 000001\nTAGS: PGOV, prel\nSUBJECT: X\n\n1. (U) Y.\n");
    /// assert_eq!(cable.body.unwrap().tag_codes(), ["PGOV", "PREL"]);
    /// ```
    pub fn tag_codes(&self) -> Vec<&str> {
        self.tags.iter().map(|t| t.code.as_str()).collect()
    }
}
