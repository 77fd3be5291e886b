//! Scores a knowledge base against gold annotations. Metrics are defined
//! in `docs/evaluation.md`.
