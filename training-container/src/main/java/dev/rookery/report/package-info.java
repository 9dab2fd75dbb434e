/**
 * Rookery's HTML reports: {@link dev.rookery.report.Charts} (inline SVG charts) and
 * {@link dev.rookery.report.HtmlPage} (the one self-contained page they go in). Used by the drift
 * report (monitor), the local evaluation report and the other local reports.
 */
package dev.rookery.report;
