"""The layer under the exporters: what every output shares (labels and phrases in nb, nn and en)."""

LANGUAGES = ("nb", "nn", "en")  # every command's --lang: bokmål (the default), nynorsk, English
