"""Pure helpers of the parse stage: decoding, page layouts, chrome, metadata, URLs, sources."""
