//! The data every warta stage passes along. Nothing here does I/O, so each stage can be
//! tested alone and the same values cross the CLI, the store and the server unchanged.

mod analysis;
mod article;
mod ids;
mod measure;
mod moment;

pub use article::{
    Article, ArticleId, Compression, Format, Origin, Paragraph, ParagraphKind, Removed, Span,
};
pub use analysis::{
    Analysis, Bound, Entity, EntityKind, Mention, Quantity, Quote, QuoteKind, Role, TimeExpression,
};
pub use ids::person_keys;
pub use measure::MatchCounts;
pub use moment::Moment;
