import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export interface NoticeData {
  intent: 'error' | 'warning' | 'success' | 'info';
  title: string;
  text: string;
}

/** A French message with what to do next. */
export function Notice({ n }: { n: NoticeData }) {
  return (
    <MessageBar intent={n.intent} layout="multiline" role={n.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>
        <MessageBarTitle>{n.title}</MessageBarTitle>
        {n.text}
      </MessageBarBody>
    </MessageBar>
  );
}
