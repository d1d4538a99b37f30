"""The render layer under the exporters: what several outputs share (the exporters' definitions and labels,
fonts and text measurement, plane geometry, the time/lane grid, the document model of the text, Markdown and
site outputs). It imports the model, reading and the analysis, and no exporter."""

LANGUAGES = ("nb", "nn", "en")  # every command's --lang: bokmål (the default), nynorsk, English
