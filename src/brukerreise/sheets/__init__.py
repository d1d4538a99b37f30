"""The sheet of steps, both ways: its columns and cell formats (shared with the spreadsheet exporter),
reading a workbook or CSV safely, turning its rows into a commented journey, and the XLSX template."""
