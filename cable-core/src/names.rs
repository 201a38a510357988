//! Enums whose values have names. Each name is written once, in the enum's declaration;
//! serde (the JSON and its schema), [`name`](crate::Container::name) (the tables, the
//! command, the bindings) and `FromStr` all read it there.

/// Declares a public enum with a snake_case name for each variant (`Variant = "name",`)
/// and a word for the kind of value (`as "container"`, for messages). It adds
/// `#[serde(rename = "name")]` to each variant, `ALL` (every value, in declaration
/// order), `name()` and `FromStr`. The enum must derive `Serialize` and `Deserialize`.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident as $what:literal {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $text:literal,
            )+
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $text)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in the order of the declaration.
            ///
            /// ```
            #[doc = concat!("for value in cable_core::", stringify!($name), "::ALL {")]
            ///     assert_eq!(value.name().parse(), Ok(value));
            /// }
            /// ```
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The snake_case name of the value: its name in the JSON tree, in the tables,
            /// on the command line and in the bindings.
            ///
            /// ```
            #[doc = concat!("let value = cable_core::", stringify!($name), "::ALL[0];")]
            /// assert_eq!(serde_json::to_value(value).unwrap(), value.name());
            /// ```
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            /// Reads a value from its name; the error names the values there are.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL.into_iter().find(|v| v.name() == s).ok_or_else(|| {
                    let names: Vec<&str> = Self::ALL.iter().map(|v| v.name()).collect();
                    format!("unknown {} {s:?}: expected one of {}", $what, names.join(", "))
                })
            }
        }
    };
}

pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    use crate::ast::*;

    /// The names serde writes are the names `name()` gives, and read back.
    fn names_are_the_json_names<T>(all: &[T])
    where
        T: Copy + PartialEq + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
        T: std::str::FromStr<Err = String>,
        T: NameOf,
    {
        for &value in all {
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(json, value.name_of(), "{value:?}");
            assert_eq!(serde_json::from_value::<T>(json).unwrap(), value);
            assert_eq!(value.name_of().parse::<T>(), Ok(value));
        }
    }

    trait NameOf {
        fn name_of(self) -> &'static str;
    }

    macro_rules! name_of {
        ($($ty:ident)*) => {$(
            impl NameOf for $ty {
                fn name_of(self) -> &'static str {
                    self.name()
                }
            }
        )*};
    }

    name_of!(Container Classification Severity DeclassifyKind TagKind Precedence ReferenceKind);

    #[test]
    fn every_enum_writes_and_reads_its_names() {
        names_are_the_json_names(&Container::ALL);
        names_are_the_json_names(&Classification::ALL);
        names_are_the_json_names(&Severity::ALL);
        names_are_the_json_names(&DeclassifyKind::ALL);
        names_are_the_json_names(&TagKind::ALL);
        names_are_the_json_names(&Precedence::ALL);
        names_are_the_json_names(&ReferenceKind::ALL);
    }

    #[test]
    fn an_unknown_name_is_an_error_that_lists_the_names() {
        let err = "pdf".parse::<Container>().unwrap_err();
        assert_eq!(
            err,
            "unknown container \"pdf\": expected one of text_export, html_page, html_pre, csv_row, bare_text"
        );
    }
}
