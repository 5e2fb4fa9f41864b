//! The recognize stage's rule recognizers: money with metrics and periods, dates and datelines.
