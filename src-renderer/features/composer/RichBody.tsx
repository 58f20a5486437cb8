/**
 * The rich-text body, on tiptap (ProseMirror): bold, italic, lists, quotes and links from
 * a toolbar of labelled buttons or the usual keys (Ctrl+B, Ctrl+I …). Pasted and dropped
 * files are handed to the composer, which attaches them (images inline).
 */
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import Image from '@tiptap/extension-image';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';

interface RichBodyProps {
  html: string;
  onChange(html: string): void;
  onFiles(files: File[], inline: boolean): void;
  /** Receives the editor, for inserting inline images. */
  onEditor(editor: Editor | null): void;
}

export function RichBody({ html, onChange, onFiles, onEditor }: RichBodyProps) {
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ link: { openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' } }),
      Image.configure({ inline: true }),
    ],
    content: html,
    editorProps: {
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Message body', class: 'composer-rich' },
      handlePaste: (_view, event) => takeFiles(event.clipboardData?.files, onFiles),
      handleDrop: (_view, event) => takeFiles((event as DragEvent).dataTransfer?.files, onFiles),
    },
    onUpdate: ({ editor: e }) => onChange(e.getHTML()),
  });

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  return (
    <div className="composer-body">
      <Toolbar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  );
}

function takeFiles(files: FileList | undefined, onFiles: RichBodyProps['onFiles']): boolean {
  if (!files || files.length === 0) return false;
  onFiles([...files], true);
  return true;
}

function Toolbar({ editor }: { editor: Editor | null }) {
  if (!editor) return null;
  const button = (label: string, active: boolean, run: () => void, keys?: string) => (
    <button type="button" className="button small" aria-pressed={active} aria-keyshortcuts={keys} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      {label}
    </button>
  );
  const chain = () => editor.chain().focus();
  function link(): void {
    const current = editor!.getAttributes('link').href as string | undefined;
    const href = window.prompt('Link address (https:// or mailto:)', current ?? 'https://');
    if (href === null) return;
    if (href.trim() === '') chain().unsetLink().run();
    else if (/^(https?:|mailto:)/i.test(href.trim())) chain().extendMarkRange('link').setLink({ href: href.trim() }).run();
  }
  return (
    <div role="toolbar" aria-label="Formatting" className="composer-toolbar">
      {button('Bold', editor.isActive('bold'), () => chain().toggleBold().run(), 'Control+B')}
      {button('Italic', editor.isActive('italic'), () => chain().toggleItalic().run(), 'Control+I')}
      {button('Bulleted list', editor.isActive('bulletList'), () => chain().toggleBulletList().run())}
      {button('Numbered list', editor.isActive('orderedList'), () => chain().toggleOrderedList().run())}
      {button('Quote', editor.isActive('blockquote'), () => chain().toggleBlockquote().run())}
      {button('Link', editor.isActive('link'), link)}
    </div>
  );
}
