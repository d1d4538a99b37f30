"""The layer under the exporters: what every output shares (labels and phrases in nb, nn and en)."""
