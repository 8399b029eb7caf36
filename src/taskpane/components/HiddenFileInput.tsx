import { forwardRef } from 'react';

export interface HiddenFileInputProps {
  testId: string;
  accept: string;
  multiple?: boolean;
  onFiles: (files: File[]) => void;
}

/** The browser's file picker, opened by a visible button: out of the Tab order and of the accessibility tree. */
export const HiddenFileInput = forwardRef<HTMLInputElement, HiddenFileInputProps>(function HiddenFileInput({ testId, accept, multiple, onFiles }, ref) {
  return (
    <input
      ref={ref}
      data-testid={testId}
      type="file"
      multiple={multiple}
      accept={accept}
      className="visually-hidden"
      tabIndex={-1}
      aria-hidden="true"
      onChange={(e) => {
        const list = Array.from(e.target.files ?? []);
        e.target.value = '';
        if (list.length) onFiles(list);
      }}
    />
  );
});
