"""Exports: the Word "Summary of Results" report and the notes as CSV. No Qt here.

``gather.build_report`` turns a selection of workshops into a :class:`model.Report`;
``docx_writer.write_report`` writes it; ``csv_export.export_notes_csv`` writes the
notes table. Both write through ``safe_write.write_atomically``.
"""
