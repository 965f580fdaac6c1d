//! Word sets: an enum and the words that spell its values, declared together in one table.
//! The schema lists a set's words; lowering turns a checked word into its value through the same table.

/// A value written as one word from a fixed set, such as `arm64` or `gateway`.
pub trait Word: Copy + 'static {
    /// Every value with its word, in the order completion and messages show them.
    const TABLE: &'static [(&'static str, Self)];
    /// The words alone, for the schema.
    const WORDS: &'static [&'static str];

    fn word(self) -> &'static str;

    fn from_word(word: &str) -> Option<Self> {
        Self::TABLE
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, value)| *value)
    }
}

/// Declares an enum whose values are written as words: `words! { pub enum Arch { X86_64 = "x86_64" } }`.
macro_rules! words {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $crate::words::Word for $name {
            const TABLE: &'static [(&'static str, Self)] = &[$(($word, $name::$variant)),+];
            const WORDS: &'static [&'static str] = &[$($word),+];

            fn word(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }
        }
    };
}

pub(crate) use words;

#[cfg(test)]
mod tests {
    use super::Word;
    use crate::aws::arch::Arch;
    use crate::model::{EndpointKind, LogDestination, LogFormat, OnDelete, UrlAuth};

    fn round_trips<W: Word + PartialEq + std::fmt::Debug>() {
        assert_eq!(W::TABLE.len(), W::WORDS.len());
        for (word, value) in W::TABLE {
            assert_eq!(value.word(), *word);
            assert_eq!(W::from_word(word), Some(*value));
        }
        assert_eq!(W::from_word("no such word"), None);
    }

    #[test]
    fn every_word_set_round_trips() {
        round_trips::<Arch>();
        round_trips::<EndpointKind>();
        round_trips::<UrlAuth>();
        round_trips::<OnDelete>();
        round_trips::<LogDestination>();
        round_trips::<LogFormat>();
    }
}
