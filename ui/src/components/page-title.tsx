import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

/** The page's one h1, mirrored into the document title so tabs and history say where you are. */
export function PageTitle({ children, text }: { children?: ComponentChildren; text: string }) {
  useEffect(() => {
    document.title = `${text} · Charter console`;
  }, [text]);
  return <h1>{children ?? text}</h1>;
}
