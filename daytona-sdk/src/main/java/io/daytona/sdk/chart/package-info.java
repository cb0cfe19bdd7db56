/**
 * The charts a code run returns (the matplotlib figures a Python program showed), typed as the
 * Python SDK types them: {@link io.daytona.sdk.chart.Chart} and its kinds, with their data records.
 */
package io.daytona.sdk.chart;
