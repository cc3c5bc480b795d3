// Reading QR codes in the browser for Compare the room: frames of the camera, or image files.
// The browser's own BarcodeDetector where it reads QR codes (Chrome on Android, macOS and
// ChromeOS); elsewhere jsQR, vendored into the site (sitebuild/workshop.py) and loaded only
// when a trainer first scans. Images never leave the page: they are drawn on a canvas here.

const JSQR = new URL("../vendor/jsqr/jsQR.js", import.meta.url).href;
// Frames are scaled down to this many pixels on their longer side before jsQR reads them: a
// code held up to a laptop camera fills a good part of the frame, and a smaller frame is
// read several times faster on a trainer's laptop.
const LONGEST_SIDE = 960;

let jsqrLoading = null;

// jsQR is a classic script (a UMD bundle that sets window.jsQR), not a module.
function loadJsQR() {
  if (window.jsQR) return Promise.resolve(window.jsQR);
  jsqrLoading ||= new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"), { src: JSQR, async: true });
    script.onload = () => resolve(window.jsQR);
    script.onerror = () => {
      jsqrLoading = null;
      reject(new Error("jsQR could not be loaded"));
    };
    document.head.append(script);
  });
  return jsqrLoading;
}

async function nativeDetector() {
  if (!("BarcodeDetector" in window)) return null;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    return formats.includes("qr_code") ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
  } catch {
    return null; // present but unusable (no platform decoder): jsQR reads instead
  }
}

// A function that reads the QR codes of an image source (a playing <video>, an ImageBitmap)
// and resolves with their texts ([] when there is none).
export async function qrReader() {
  const detector = await nativeDetector();
  if (detector) return async (source) => (await detector.detect(source)).map((code) => code.rawValue);
  const jsQR = await loadJsQR();
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return async (source, { thorough = false } = {}) => {
    const [width, height] = [source.videoWidth || source.width, source.videoHeight || source.height];
    if (!width || !height) return [];
    const scale = Math.min(1, LONGEST_SIDE / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    // A camera frame: dark code on light ground only (twice as fast); an image: both.
    const found = jsQR(pixels, canvas.width, canvas.height, { inversionAttempts: thorough ? "attemptBoth" : "dontInvert" });
    return found && found.data ? [found.data] : [];
  };
}

// The texts of the QR codes in an image file.
export async function readImage(file, read) {
  const bitmap = await createImageBitmap(file);
  try {
    return await read(bitmap, { thorough: true });
  } finally {
    bitmap.close();
  }
}

// The camera, facing away from the trainer where there is a choice, shown in `video`.
// Resolves with a `stop()`; rejects when there is no camera or the reader refused it.
export async function startCamera(video) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: "environment" } });
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  return () => {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}

// Reads frames of `video` until `running()` says no, calling `found(text)` for each code
// (the same code in front of the camera comes back frame after frame: the caller decides).
export async function scanFrames(video, read, found, running) {
  while (running()) {
    if (video.readyState >= 2) {
      try {
        for (const text of await read(video)) await found(text);
      } catch (error) {
        console.warn("scan:", error); // one unreadable frame; the next may do
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 120));
  }
}
