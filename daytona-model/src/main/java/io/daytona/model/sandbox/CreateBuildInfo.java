package io.daytona.model.sandbox;

import java.util.List;

/** A declarative image build requested with a sandbox: a Dockerfile and the hashes of its contexts. */
public record CreateBuildInfo(String dockerfileContent, List<String> contextHashes) {}
