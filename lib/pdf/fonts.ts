import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../db/config";

/**
 * Be Vietnam Pro, the free face with complete Vietnamese coverage, as static TrueType files
 * (one per weight and style; pdfkit/fontkit cannot embed the variable font or the WOFF
 * files split by Unicode range that the web pages use). pdfkit embeds only the glyphs a file
 * uses.
 */
export type FontFace = "regular" | "bold" | "italic" | "boldItalic";

const FONT_PACKAGE = "@expo-google-fonts/be-vietnam-pro";

const FONT_FILES: Record<FontFace, string> = {
  regular: "400Regular/BeVietnamPro_400Regular.ttf",
  bold: "700Bold/BeVietnamPro_700Bold.ttf",
  italic: "400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf",
  boldItalic: "700Bold_Italic/BeVietnamPro_700Bold_Italic.ttf",
};

export const FONT_FACES = Object.keys(FONT_FILES) as FontFace[];

let loaded: Record<FontFace, Buffer> | null = null;

/**
 * The four font files, read once per process (about 130 KB each). They are found under the
 * project's node_modules by path, as Next advises for files read at run time: a module
 * reference (require.resolve) would make the bundler pull the whole font package, React Native
 * helpers included, into the server build.
 */
export function fontFiles(): Record<FontFace, Buffer> {
  if (loaded === null) {
    const directory = path.join(projectRoot(), "node_modules", FONT_PACKAGE);
    const read = (face: FontFace) => fs.readFileSync(path.join(directory, FONT_FILES[face]));
    loaded = { regular: read("regular"), bold: read("bold"), italic: read("italic"), boldItalic: read("boldItalic") };
  }
  return loaded;
}

export function faceOf(style: { bold: boolean; italic: boolean }): FontFace {
  if (style.bold) return style.italic ? "boldItalic" : "bold";
  return style.italic ? "italic" : "regular";
}
