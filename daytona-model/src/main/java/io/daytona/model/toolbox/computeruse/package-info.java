/**
 * Wire types of the toolbox's computer-use API ({@code /computeruse/*}): the desktop's processes,
 * screenshots, mouse, keyboard, display, windows, recordings and the accessibility tree.
 */
package io.daytona.model.toolbox.computeruse;
