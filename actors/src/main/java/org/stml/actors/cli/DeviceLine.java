package org.stml.actors.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;

/**
 * The one line a command prints about where it computes, for example {@code stml: device cpu (libtorch 2.7.1,
 * 2 threads)} or {@code stml: device gpu(0) (libtorch 2.7.1, 1 GPU visible)}; GPUs that a CPU-only libtorch cannot
 * use are named too.
 */
final class DeviceLine {

    private DeviceLine() {}

    /** Returns the line for the engine's default device, starting the engine if it has not started. */
    static String describe() {
        Engine engine = Engine.getInstance();
        Device device = engine.defaultDevice();
        int gpus = engine.getGpuCount();
        if (device.isGpu()) {
            return String.format(Locale.ROOT, "stml: device %s (libtorch %s, %s visible)", name(device),
                    engine.getVersion(), gpus(gpus));
        }
        return String.format(Locale.ROOT, "stml: device cpu (libtorch %s, %d threads%s)", engine.getVersion(),
                JniUtils.getNumThreads(), gpus > 0 ? "; " + gpus(gpus) + " unused: this libtorch is CPU-only" : "");
    }

    /** Returns a device's name: {@code cpu}, or {@code gpu(N)}. */
    static String name(Device device) {
        return device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : device.getDeviceType();
    }

    private static String gpus(int count) {
        return count + (count == 1 ? " GPU" : " GPUs");
    }
}
