package io.daytona.runner.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every sandbox's disk: a sparse file of the sandbox's disk size holding an ext4 filesystem
 * (this kernel has no quotas, so the filesystem's own size is the limit), whose {@code upper}
 * directory is the writable layer of an overlay on the image's layers. The overlay is the
 * sandbox's root filesystem: everything the sandbox writes outside its volumes lands on the
 * disk, and a full disk answers {@code ENOSPC} inside the sandbox only.
 *
 * <pre>
 *   &lt;directory&gt;/disks/&lt;id&gt;.img               the disk (sparse: it takes what the sandbox wrote)
 *   &lt;directory&gt;/sandboxes/&lt;id&gt;/disk          its ext4, mounted: upper/ and work/ of the overlay
 *   &lt;directory&gt;/sandboxes/&lt;id&gt;/rootfs        the overlay: lower = image layers, upper = disk/upper
 * </pre>
 *
 * <p>The host's mounts exist only while a sandbox starts. Once its container runs, the container's
 * own mount namespace holds the overlay (and through it the ext4 and its loop device), and the
 * runner {@linkplain #detach detaches} the host's view; when the container stops or is removed,
 * by the platform or by anyone else, the kernel frees all three. Nothing can leak a mount or a
 * loop device, and after a reboot there is nothing to re-establish: every start mounts again.
 *
 * <p>One invariant keeps the filesystem sound: a disk file is never attached to two loop devices
 * (two kernels' views of one ext4 corrupt it). A mount reuses the loop device that still holds
 * the file (a container stopping right now), and a resize waits until none does.
 *
 * <p>Never under {@code /var/lib/containers}: the engine bind-mounts its storage directory onto
 * itself, which would hide a mount made inside it from the engine and keep it from removing layers.
 */
public final class SandboxDisks {
    private static final long GIB = 1L << 30;
    private static final Path ENGINE_STORAGE = Path.of("/var/lib/containers");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final String MOUNT_OPTIONS = "discard,noinit_itable";
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(10);

    private final Path directory;
    /** Sizes (GiB) whose spare disk is being formatted right now. */
    private final java.util.Set<Integer> formatting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Disks under {@code directory}, which is made if missing. */
    public SandboxDisks(Path directory) throws IOException {
        Path absolute = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
        refuseEngineStorage(absolute);
        Files.createDirectories(absolute.resolve("disks"));
        Files.createDirectories(absolute.resolve("sandboxes"));
        // The kernel names a loop device's file by its real path; compare like with like.
        this.directory = absolute.toRealPath();
        refuseEngineStorage(this.directory);
    }

    private static void refuseEngineStorage(Path path) {
        if (path.startsWith(ENGINE_STORAGE)) {
            throw new IllegalArgumentException("the runner's data directory " + path + " is inside " + ENGINE_STORAGE
                    + ", where the engine's own mounts would hide the sandboxes' disks; choose another --data-dir");
        }
    }

    /** Whether the sandbox has a disk. */
    public boolean exists(String id) {
        return Files.exists(image(id));
    }

    /** The disk's size in bytes. */
    public long sizeBytes(String id) throws IOException {
        return Files.size(image(id));
    }

    /**
     * Makes the sandbox's disk of {@code gib} GiB, unless it has one: a sparse file (it takes no
     * space until written) formatted as ext4 without reserved blocks; inode tables and journal
     * are not zeroed (a fresh file reads as zeroes). A spare disk of that size, formatted in the
     * background after the previous create, is taken when there is one, so a create only renames
     * a file.
     */
    public void create(String id, int gib) throws IOException {
        Path image = image(id);
        if (Files.exists(image)) {
            return;
        }
        if (gib < 1) {
            throw new IllegalArgumentException("a disk needs at least 1 GiB, got " + gib);
        }
        try {
            Files.move(spare(gib), image, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException noSpare) {
            format(image.resolveSibling(id + ".img.partial"), image, gib);
        }
        formatSpareInBackground(gib);
    }

    /** Formats a disk of {@code gib} GiB at {@code partial}, then renames it to {@code target}. */
    private static void format(Path partial, Path target, int gib) throws IOException {
        Files.deleteIfExists(partial);
        try {
            try (RandomAccessFile file = new RandomAccessFile(partial.toFile(), "rw")) {
                file.setLength(gib * GIB);
            }
            HostCommand.run(List.of("mkfs.ext4", "-q", "-F", "-m", "0",
                    "-E", "lazy_itable_init=1,lazy_journal_init=1,nodiscard", partial.toString()));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void formatSpareInBackground(int gib) {
        if (Files.exists(spare(gib)) || !formatting.add(gib)) {
            return;
        }
        Thread.ofVirtual().name("format-spare-disk-" + gib + "g").start(() -> {
            try {
                format(spare(gib).resolveSibling("spare-" + gib + "g.partial"), spare(gib), gib);
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SandboxDisks.class).warn("could not format a spare {} GiB disk: {}", gib, e.getMessage());
            } finally {
                formatting.remove(gib);
            }
        });
    }

    /** Not named *.img: a spare belongs to no sandbox. */
    private Path spare(int gib) {
        return directory.resolve("disks").resolve("spare-" + gib + "g.disk");
    }

    /**
     * Grows a disk to {@code gib} GiB (never shrinks it). Only a disk no container holds can
     * grow: the filesystem is checked and resized offline (an online resize needs
     * CAP_SYS_RESOURCE, which root lacks on hosts like this one), so this waits for a stopping
     * container to let go of it.
     */
    public void grow(String id, int gib) throws IOException {
        Path image = image(id);
        Path marker = image.resolveSibling(id + ".img.growing");
        // The marker makes an interrupted resize (file grown, filesystem not yet) finish next time.
        if (Files.size(image) >= gib * GIB && !Files.exists(marker)) {
            return;
        }
        detach(id);
        awaitReleased(id);
        Files.writeString(marker, Integer.toString(gib));
        fsck(image);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            if (file.length() < gib * GIB) {
                file.setLength(gib * GIB);
            }
        }
        HostCommand.run(List.of("resize2fs", image.toString()));
        Files.delete(marker);
    }

    /**
     * Mounts the disk on the host, if it is not, and returns its upper directory (the sandbox's
     * writable layer): to unpack an archive into, or to read what the sandbox wrote.
     */
    public Path mountDisk(String id) throws IOException {
        Path mount = diskMount(id);
        if (!Mounts.isMountPoint(mount)) {
            if (!exists(id)) {
                throw new IOException("sandbox " + id + " has no disk");
            }
            Files.createDirectories(mount);
            attach(id, mount);
        }
        Path upper = createOwnedByRoot(mount.resolve("upper"));
        createOwnedByRoot(mount.resolve("work"));
        return upper;
    }

    /**
     * Mounts the sandbox's root filesystem, the overlay of {@code layers} (the image's, topmost
     * first) under the disk's upper directory, if it is not mounted; returns its path.
     */
    public Path mountRoot(String id, List<Path> layers) throws IOException {
        Path root = rootfs(id);
        Path disk = diskMount(id);
        Path upper = disk.resolve("upper");
        String options = overlayOptions(layers, upper);
        mountDisk(id);
        if (!Mounts.isMountPoint(root)) {
            Files.createDirectories(root);
            try {
                Syscalls.mount("overlay", root, "overlay", options);
            } catch (IOException e) {
                detach(id);
                throw e;
            }
        }
        return root;
    }

    private static String overlayOptions(List<Path> layers, Path upper) throws IOException {
        for (Path layer : layers) {
            if (layer.toString().contains(":") || layer.toString().contains(",")) {
                throw new IOException("image layer " + layer + " has a ':' or ',' in its path, which overlay options cannot carry");
            }
        }
        String options = "lowerdir=" + String.join(":", layers.stream().map(Path::toString).toList())
                + ",upperdir=" + upper + ",workdir=" + upper.resolveSibling("work");
        // The kernel reads at most one page of mount options.
        if (options.length() > 4000) {
            throw new IOException("the image has too many layers (" + layers.size() + ") for one overlay mount; squash it");
        }
        return options;
    }

    /**
     * Removes the host's mounts of the sandbox's root filesystem and disk. A container that runs
     * keeps its own view (lazy unmount) until it stops; then the kernel frees them.
     */
    public void detach(String id) throws IOException {
        // The overlay first: it sits on the disk.
        for (Path mount : List.of(rootfs(id), diskMount(id))) {
            if (Mounts.isMountPoint(mount)) {
                Syscalls.detach(mount);
            }
        }
    }

    /**
     * Writes what the filesystem of a disk that a loop device holds (its sandbox runs, or stops
     * right now) still has in memory to the disk file, so that a copy of the file is the
     * filesystem as it is now: the host mounts the device the container holds (sharing its
     * filesystem), syncs it ({@code syncfs}) and detaches again. The journal is committed but not
     * checkpointed, so a copy is replayed when first mounted, like a disk after a power cut with
     * nothing lost. The caller freezes the sandbox's processes first, so nothing writes meanwhile.
     * Nothing to do for a disk no device holds.
     */
    public void flush(String id) throws IOException {
        if (!inUse(id)) {
            return;
        }
        Path mount = diskMount(id);
        boolean mounted = Mounts.isMountPoint(mount);
        if (!mounted) {
            Files.createDirectories(mount);
            attach(id, mount);
        }
        try {
            HostCommand.run(List.of("sync", "--file-system", mount.toString()));
        } finally {
            if (!mounted) {
                Syscalls.detach(mount);
            }
        }
    }

    /**
     * Gives sandbox {@code targetId} a copy of sandbox {@code sourceId}'s disk, unless it has a
     * disk: sparse-aware ({@code cp --sparse=always}, so the copy takes on the host what the
     * source's files take, not the disk's size), by reflink where the host's filesystem shares
     * blocks between files (XFS, Btrfs), written under another name and renamed, so a disk
     * present is a complete copy. The source must not change meanwhile ({@link #flush} it with
     * its processes frozen, or copy it while it is stopped). The copy's ext4 has the source's
     * UUID, which ext4 does not mind.
     */
    public void copy(String sourceId, String targetId) throws IOException {
        Path target = image(targetId);
        if (Files.exists(target)) {
            return;
        }
        copyFile(image(sourceId), target.resolveSibling(targetId + ".img.partial"), target);
    }

    /**
     * A copy of the sandbox's disk to read its files from while the sandbox goes on (a backup),
     * made as {@link #copy} makes one (so the same care applies) and kept apart from the
     * sandboxes' disks, never taken for one. {@link #mountCopy} mounts it, {@link #releaseCopy}
     * removes it.
     */
    public void makeCopy(String id) throws IOException {
        releaseCopy(id);
        copyFile(image(id), copyOf(id).resolveSibling(id + ".copy.partial"), copyOf(id));
    }

    /** Mounts the copy {@link #makeCopy} made; returns its upper directory (the sandbox's files as they were). */
    public Path mountCopy(String id) throws IOException {
        Path mount = copyMount(id);
        Files.createDirectories(mount);
        if (!Mounts.isMountPoint(mount)) {
            Syscalls.mountLoop(copyOf(id), mount, MOUNT_OPTIONS);
        }
        return mount.resolve("upper");
    }

    /** Unmounts and deletes the copy {@link #mountCopy} made, if there is one. */
    public void releaseCopy(String id) throws IOException {
        Path mount = copyMount(id);
        if (Mounts.isMountPoint(mount)) {
            Syscalls.detach(mount);
        }
        Files.deleteIfExists(mount);
        Files.deleteIfExists(copyOf(id));
        Files.deleteIfExists(copyOf(id).resolveSibling(id + ".copy.partial"));
    }

    private static void copyFile(Path source, Path partial, Path target) throws IOException {
        if (!Files.exists(source)) {
            throw new IOException("there is no disk " + source + " to copy");
        }
        Files.deleteIfExists(partial);
        try {
            HostCommand.run(List.of("cp", "--sparse=always", "--reflink=auto", source.toString(), partial.toString()));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Not named *.img: a copy belongs to no sandbox. */
    private Path copyOf(String id) {
        return directory.resolve("disks").resolve(checked(id) + ".copy");
    }

    private Path copyMount(String id) {
        return directory.resolve("sandboxes").resolve(checked(id)).resolve("copy");
    }

    /** Whether a loop device holds the sandbox's disk (its container runs, or stops right now). */
    public boolean inUse(String id) throws IOException {
        return Mounts.loopDeviceOf(image(id)).isPresent();
    }

    /** Removes the sandbox's disk and its directories. Its container must be gone. */
    public void delete(String id) throws IOException {
        detach(id);
        releaseCopy(id);
        Files.deleteIfExists(image(id));
        Files.deleteIfExists(image(id).resolveSibling(id + ".img.partial"));
        Files.deleteIfExists(image(id).resolveSibling(id + ".img.growing"));
        Path sandbox = directory.resolve("sandboxes").resolve(id);
        // Only empty directories: a mount still there must fail this, never be walked into.
        Files.deleteIfExists(rootfs(id));
        Files.deleteIfExists(diskMount(id));
        Files.deleteIfExists(sandbox);
    }

    /** The sandboxes that have a disk here, with when the disk was made. */
    public List<Disk> disks() throws IOException {
        List<Disk> disks = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory.resolve("disks"), "*.img")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                disks.add(new Disk(name.substring(0, name.length() - ".img".length()),
                        Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).creationTime().toInstant()));
            }
        }
        return List.copyOf(disks);
    }

    /**
     * A sandbox's disk.
     *
     * @param sandboxId the sandbox it belongs to
     * @param created when it was made
     */
    public record Disk(String sandboxId, Instant created) {}

    /** The disk file. */
    public Path image(String id) {
        return directory.resolve("disks").resolve(checked(id) + ".img");
    }

    /** Where the root filesystem is mounted while the sandbox starts. */
    public Path rootfs(String id) {
        return directory.resolve("sandboxes").resolve(checked(id)).resolve("rootfs");
    }

    private Path diskMount(String id) {
        return directory.resolve("sandboxes").resolve(checked(id)).resolve("disk");
    }

    private void attach(String id, Path mount) throws IOException {
        Path image = image(id);
        for (int attempt = 1; ; attempt++) {
            Optional<String> device = Mounts.loopDeviceOf(image);
            try {
                if (device.isPresent()) {
                    // The same filesystem a container still holds: mounting its device shares it.
                    Syscalls.mount(device.get(), mount, "ext4", MOUNT_OPTIONS);
                } else {
                    Syscalls.mountLoop(image, mount, MOUNT_OPTIONS);
                }
                return;
            } catch (IOException e) {
                // A device just being freed by a stopped container cannot be mounted; look again.
                if (attempt == 3 || device.isEmpty()) {
                    throw e;
                }
                sleep(Duration.ofMillis(100));
            }
        }
    }

    private void awaitReleased(String id) throws IOException {
        Instant deadline = Instant.now().plus(RELEASE_WAIT);
        while (Mounts.loopDeviceOf(image(id)).isPresent()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the disk of sandbox " + id + " is still in use (is its container running?); stop it to resize its disk");
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /** e2fsck's exit codes 1 and 2 mean it corrected errors, which is what was asked. */
    private static void fsck(Path image) throws IOException {
        try {
            HostCommand.run(List.of("e2fsck", "-f", "-p", image.toString()));
        } catch (HostCommand.Failure e) {
            if (e.exitCode() != 1 && e.exitCode() != 2) {
                throw e;
            }
        }
    }

    private static Path createOwnedByRoot(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        return path;
    }

    private static String checked(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid sandbox id for a disk: " + id);
        }
        return id;
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
