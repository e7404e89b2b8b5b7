import { useEffect, useRef } from 'react';
import { isRasterImage } from '../../core/response/response-content-type';
import { formatBytes } from '../../core/response/response-size';

// analyzeBody dumps this much (hexDump's default).
const HEX_BYTES = 4096;

/**
 * A binary body: what it is and how big, a preview for raster images (an <img> cannot run
 * script; SVG is treated as markup elsewhere), and a hex dump of the first bytes.
 */
export function BinaryView({
  body,
  mediaType,
  hex,
}: {
  body: Uint8Array;
  mediaType: string;
  hex: string[];
}) {
  const raster = isRasterImage(mediaType);
  const imageRef = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const image = imageRef.current;
    if (!raster || !image) return;
    const url = URL.createObjectURL(
      new Blob([body as Uint8Array<ArrayBuffer>], { type: mediaType }),
    );
    image.src = url;
    return () => {
      image.removeAttribute('src');
      URL.revokeObjectURL(url);
    };
  }, [raster, body, mediaType]);

  return (
    <div className="binary-view">
      <p className="binary-view__info">
        Binary content ({mediaType || 'unknown type'}), {formatBytes(body.length)}: not shown as
        text. Use Download to save it.
        {body.length > HEX_BYTES && ` The first ${formatBytes(HEX_BYTES)} are shown in hex.`}
      </p>
      {raster && (
        // "image" names what the response holds, not the element (journeys find it by this name).
        // eslint-disable-next-line jsx-a11y/img-redundant-alt
        <img
          ref={imageRef}
          className="binary-view__image"
          alt="Preview of the image in the response"
        />
      )}
      {hex.length > 0 && (
        <pre className="binary-view__hex" tabIndex={0} aria-label="Hex dump of the first bytes">
          {hex.join('\n')}
        </pre>
      )}
    </div>
  );
}
