//! yntymaq: news pages about Kazakhstan's regions in, records of their foreign engagements out. The pipeline library.
