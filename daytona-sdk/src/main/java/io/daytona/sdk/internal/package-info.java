/**
 * Implementation details of the SDK: the HTTP transport, error mapping and polling helpers.
 * Not part of the public API; anything here may change without notice.
 */
package io.daytona.sdk.internal;
