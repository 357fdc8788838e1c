"""What a page or a pack shows: dashboard, measure page, charts, tables, filters, exports."""
