import { splitMasked } from './detail-format';

/** Text with the server's masking replacement styled as masked (text nodes only, never markup). */
export function MaskedText({ text }: { text: string }) {
  const parts = splitMasked(text);
  if (parts.length === 1 && !parts[0]?.masked) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        p.masked ? (
          <span key={i} className="masked" title="masked on the server">
            {p.text}
          </span>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
