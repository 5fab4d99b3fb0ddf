import { messages } from '../../locales/index';
import { MODULE_ROUTES, isModuleKey } from '../../services/modules';

const HOME = '/pages/home/index';

/** The "即将上线" page body shared by the eight module subpackages. Property: moduleKey. */
Component({
  properties: {
    moduleKey: { type: String, value: '' },
  },
  data: {
    t: messages().placeholder,
    backText: messages().common.backHome,
    title: '',
    summary: '',
    icon: '',
    features: [] as string[],
  },
  observers: {
    moduleKey(key: string) {
      if (!isModuleKey(key)) return;
      const text = messages().modules[key];
      this.setData({ title: text.title, summary: text.summary, features: text.features, icon: MODULE_ROUTES[key].icon });
    },
  },
  methods: {
    onBack() {
      if (getCurrentPages().length > 1) wx.navigateBack({ delta: 1 });
      else wx.switchTab({ url: HOME });
    },
  },
});
