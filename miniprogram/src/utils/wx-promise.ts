/** wx.login as a promise: the temporary `code` for /api/auth/wechat/login (jscode2session). */
export function wxLogin(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      timeout: 10000,
      success: (res) => (res.code ? resolve(res.code) : reject({ errMsg: res.errMsg || 'wx.login: no code' })),
      fail: (err) => reject(err),
    });
  });
}

export function toast(title: string, icon: 'none' | 'success' | 'error' = 'none'): void {
  wx.showToast({ title, icon, duration: 2000 });
}

/** wx.showModal as a promise: true when confirmed. */
export function confirmModal(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      content,
      confirmColor: '#6D4BD8',
      success: (res) => resolve(!!res.confirm),
      fail: () => resolve(false),
    });
  });
}
