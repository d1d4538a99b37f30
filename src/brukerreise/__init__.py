"""brukerreise: cross-agency user journeys as code.

The Python API (usable without the CLI):

    from brukerreise.api import check
    checked = check(["journeys"])          # load and validate files or folders
    for issue in checked.issues: print(issue)
    analyses = checked.analyse()           # JourneyAnalysis per valid journey
"""

__version__ = "0.1.0"
